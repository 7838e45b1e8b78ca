#pragma once
#include <cstdint>
#include <string>

namespace portico::upstream {

/// Where a request goes: the pool keys its idle connections by scheme://host:port, and error
/// messages name only that key, because the path and query may carry secrets (e.g. ?key=...).
struct Endpoint {
    bool secure = false;  ///< https
    std::string host;     ///< without brackets for IPv6 literals
    std::uint16_t port = 0;
    std::string target;   ///< path and query sent in the request line, never logged

    /// Parses an absolute http:// or https:// URL. Throws UpstreamError(Protocol) for anything
    /// else; the message never repeats the URL beyond its scheme.
    static Endpoint parse(const std::string& url);

    /// "https://host:port", the pool key and the name used in error messages.
    std::string key() const;
    /// The Host header value: the port is left out when it is the scheme's default.
    std::string hostHeader() const;
};

}  // namespace portico::upstream
