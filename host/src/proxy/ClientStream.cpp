#include "proxy/ClientStream.h"

#include "http/ErrorResponder.h"

namespace portico::proxy {

bool ClientStream::onChunk(std::string_view chunk_json) {
    if (client_gone_) return false;
    if (!writer_.started()) writer_.begin();
    if (keep_chunks_) chunks_.emplace_back(chunk_json);
    if (!writer_.data(chunk_json)) client_gone_ = true;
    return !client_gone_;
}

void ClientStream::onUsage(const portico_usage& usage) {
    usage_ = usage;
    has_usage_ = true;
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
