#include "support/Http.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <cctype>
#include <stdexcept>

namespace portico::itest {

namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void appendJsonString(std::string& out, const std::string& text) {
    out.push_back('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

}  // namespace

std::string HttpResponse::header(const std::string& lowerName) const {
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

Poco::JSON::Object::Ptr HttpResponse::json() const { return parseObject(body); }

std::string HttpResponse::describe() const { return "status " + std::to_string(status) + ": " + body; }

HttpResponse httpCall(int port, const HttpRequest& request) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    const Poco::Timespan timeout(std::chrono::duration_cast<std::chrono::microseconds>(request.timeout).count());
    session.setTimeout(timeout, timeout, timeout);

    Poco::Net::HTTPRequest req(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : request.headers) req.set(name, value);
    if (!request.body.empty() || request.method == Poco::Net::HTTPRequest::HTTP_POST) {
        req.setContentType(request.content_type);
        req.setContentLength(static_cast<std::streamsize>(request.body.size()));
    }
    std::ostream& out = session.sendRequest(req);
    out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));

    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    HttpResponse result;
    result.status = static_cast<int>(resp.getStatus());
    result.reason = resp.getReason();
    for (const auto& [name, value] : resp) result.headers[lower(name)] = value;
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

HttpResponse httpGet(int port, const std::string& path, const std::string& bearer) {
    HttpRequest request;
    request.path = path;
    if (!bearer.empty()) request.headers.emplace_back("Authorization", "Bearer " + bearer);
    return httpCall(port, request);
}

HttpResponse httpPostJson(int port, const std::string& path, const std::string& body, const std::string& bearer) {
    HttpRequest request;
    request.method = Poco::Net::HTTPRequest::HTTP_POST;
    request.path = path;
    request.body = body;
    if (!bearer.empty()) request.headers.emplace_back("Authorization", "Bearer " + bearer);
    return httpCall(port, request);
}

std::string chatBody(const std::string& model, const std::string& text, bool stream) {
    std::string body = R"({"model":)";
    appendJsonString(body, model);
    body.append(R"(,"messages":[{"role":"user","content":)");
    appendJsonString(body, text);
    body.append("}]");
    if (stream) body.append(R"(,"stream":true,"stream_options":{"include_usage":true})");
    body.append("}");
    return body;
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var parsed = parser.parse(text);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) throw std::runtime_error("not a JSON object: " + text);
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

}  // namespace portico::itest
