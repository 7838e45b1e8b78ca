#include "http/BodyReader.h"

#include <simdjson.h>

#include <istream>
#include <string_view>

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

/// Hands the rest of the body to `take` in pieces until it ends, or until `take` returns false
/// (then false). istream::read turns the socket's timeout or reset into badbit and an early end.
template <typename Take>
bool readPieces(std::istream& in, Take take) {
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        if (!take(std::string_view(buffer, static_cast<std::size_t>(n)))) return false;
    }
    return true;
}

}  // namespace

bool discardUnreadBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    const auto declared = request.getContentLength64();
    if (declared > 0 && static_cast<std::size_t>(declared) > limit) return false;
    if (declared == 0 || (declared < 0 && !request.getChunkedTransferEncoding())) return true;
    std::istream& in = request.stream();
    std::size_t discarded = 0;
    const bool ended = readPieces(in, [&](std::string_view piece) { return (discarded += piece.size()) <= limit; });
    // A timeout or reset mid-body leaves the connection out of step as surely as a body over the limit.
    return ended && !in.bad();
}

std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    std::string body;
    const auto declared = request.getContentLength64();
    if (declared > 0 && static_cast<std::size_t>(declared) > limit) throw tooLarge(limit);
    body.reserve((declared > 0 ? static_cast<std::size_t>(declared) : 4096) + simdjson::SIMDJSON_PADDING);
    std::istream& in = request.stream();
    readPieces(in, [&](std::string_view piece) {
        if (body.size() + piece.size() > limit) throw tooLarge(limit);
        body.append(piece);
        return true;
    });
    // A timeout or reset sets badbit; a peer that closes early just ends the stream short.
    if (in.bad() || (declared > 0 && body.size() < static_cast<std::size_t>(declared))) throw incomplete();
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    return body;
}

}  // namespace portico::http
