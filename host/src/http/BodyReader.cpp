#include "http/BodyReader.h"

#include <simdjson.h>

#include <istream>

#include "core/GatewayError.h"

namespace portico::http {
namespace {

core::GatewayError tooLarge(std::size_t limit) {
    return {413, "invalid_request_error", "request_too_large",
            "Request body exceeds the limit of " + std::to_string(limit) + " bytes (server.max_body_bytes)"};
}

/// The client stopped sending (a timeout or a reset) before the body was complete.
core::GatewayError incomplete() {
    return {408, "invalid_request_error", "request_timeout", "The request body was not received in full"};
}

}  // namespace

bool discardUnreadBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    const auto declared = request.getContentLength64();
    if (declared > 0 && static_cast<std::size_t>(declared) > limit) return false;
    if (declared == 0 || (declared < 0 && !request.getChunkedTransferEncoding())) return true;
    std::istream& in = request.stream();
    char buffer[16384];
    std::size_t discarded = 0;
    while (in) {
        in.read(buffer, sizeof buffer);
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        discarded += static_cast<std::size_t>(n);
        if (discarded > limit) return false;
    }
    // istream::read turns the socket's timeout or reset into badbit: the connection is out of step.
    return !in.bad();
}

std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    std::string body;
    const auto declared = request.getContentLength64();
    if (declared > 0 && static_cast<std::size_t>(declared) > limit) throw tooLarge(limit);
    body.reserve((declared > 0 ? static_cast<std::size_t>(declared) : 4096) + simdjson::SIMDJSON_PADDING);
    std::istream& in = request.stream();
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        if (body.size() + static_cast<std::size_t>(n) > limit) throw tooLarge(limit);
        body.append(buffer, static_cast<std::size_t>(n));
    }
    // A timeout or reset sets badbit; a peer that closes early just ends the stream short.
    if (in.bad() || (declared > 0 && body.size() < static_cast<std::size_t>(declared))) throw incomplete();
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    return body;
}

}  // namespace portico::http
