#include "pipeline/ClientStream.h"

namespace portico::pipeline {

bool ClientStream::onChunk(std::string_view chunk_json) {
    if (client_gone_) return false;
    if (!writer_.started()) writer_.begin();
    if (keep_chunks_) chunks_.emplace_back(chunk_json);
    // Only the event's first chunk can stand for the event, and only if it is the event's data.
    const bool unchanged = !event_bytes_.empty() && chunk_json == event_data_;
    encoder_.chunk(chunk_json, unchanged ? event_bytes_ : std::string_view(), writer_);
    event_bytes_ = {};
    return delivered();
}

bool ClientStream::onEvent(std::string_view name, std::string_view data_json) {
    if (client_gone_) return false;
    if (!writer_.started()) writer_.begin();
    if (keep_chunks_) chunks_.emplace_back(data_json);
    encoder_.event(name, data_json, writer_);
    event_bytes_ = {};
    return delivered();
}

bool ClientStream::delivered() {
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
    encoder_.finish(has_usage_ ? &usage_ : nullptr, writer_);
    if (!writer_.flush()) client_gone_ = true;
}

void ClientStream::fail(const core::GatewayError& error) {
    if (client_gone_) return;
    encoder_.fail(error, writer_);
    if (!writer_.flush()) client_gone_ = true;
}

}  // namespace portico::pipeline
