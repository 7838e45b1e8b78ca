#pragma once
#include <Poco/JSON/Object.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace portico::itest {

/// A complete HTTP response with lower-cased header names, so assertions need not care how the
/// server spelled them.
struct HttpResponse {
    int status = 0;
    std::string reason;  ///< the status line's reason phrase
    std::map<std::string, std::string> headers;
    std::string body;

    bool hasHeader(const std::string& lowerName) const { return headers.count(lowerName) != 0; }
    std::string header(const std::string& lowerName) const;
    /// The body as a JSON object; throws (failing the test) if it is not one.
    Poco::JSON::Object::Ptr json() const;
    /// "status <n>: <body>" for assertion messages.
    std::string describe() const;
};

struct HttpRequest {
    std::string method = "GET";
    std::string path = "/";
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    /// Connect, send and per-read receive timeout; every call is bounded by it.
    std::chrono::milliseconds timeout{15000};
};

/// One request on a fresh connection to 127.0.0.1:port. Throws on a transport failure (reset,
/// timeout) so tests that expect one can catch it and others fail loudly.
HttpResponse httpCall(int port, const HttpRequest& request);

/// GET with an optional bearer token (empty = no Authorization header).
HttpResponse httpGet(int port, const std::string& path, const std::string& bearer = "");
/// POST of a JSON body with an optional bearer token.
HttpResponse httpPostJson(int port, const std::string& path, const std::string& body,
                          const std::string& bearer = "");

/// {"model": model, "messages":[{"role":"user","content": text}], "stream": stream}.
std::string chatBody(const std::string& model, const std::string& text = "Say hello", bool stream = false);

/// Parses a JSON object; throws if `text` is not one.
Poco::JSON::Object::Ptr parseObject(const std::string& text);

}  // namespace portico::itest
