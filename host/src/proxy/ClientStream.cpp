#include "proxy/ClientStream.h"

#include "http/ErrorResponder.h"

namespace portico::proxy {

bool ClientStream::onChunk(std::string_view chunk_json) {
    if (client_gone_) return false;
    if (!writer_.started()) writer_.begin();
    if (keep_chunks_) chunks_.emplace_back(chunk_json);
    // Only the event's first chunk can stand for the event, and only if it is the event's data.
    if (!event_bytes_.empty() && chunk_json == event_data_) writer_.raw(event_bytes_);
    else writer_.event(chunk_json);
    event_bytes_ = {};
    if (delivery_ == Delivery::EachChunk) writer_.flush();
    // A full buffer is sent at once, so a gone client can show up here even without a flush.
    if (!writer_.clientConnected()) client_gone_ = true;
    return !client_gone_;
}

void ClientStream::onUsage(const portico_usage& usage) {
    usage_ = usage;
    has_usage_ = true;
}

void ClientStream::upstreamEvent(std::string_view data, std::string_view bytes) {
    event_data_ = data;
    event_bytes_ = bytes;
}

bool ClientStream::upstreamIdle() {
    if (client_gone_) return false;
    if (writer_.started() && !writer_.flush()) client_gone_ = true;
    return !client_gone_;
}

void ClientStream::finish() {
    if (client_gone_) return;
    if (!writer_.started()) writer_.begin();
    if (!writer_.done()) client_gone_ = true;
}

void ClientStream::fail(const core::GatewayError& error) {
    if (!client_gone_ && !writer_.data(http::ErrorResponder::body(error))) client_gone_ = true;
}

}  // namespace portico::proxy
