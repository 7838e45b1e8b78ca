#include "support/SseStream.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

namespace portico::itest {

SseStream::SseStream(int port, const std::string& body, const std::string& bearer, std::chrono::milliseconds timeout)
    : session_("127.0.0.1", static_cast<Poco::UInt16>(port)) {
    const Poco::Timespan span(std::chrono::duration_cast<std::chrono::microseconds>(timeout).count());
    session_.setTimeout(span, span, span);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/chat/completions",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.set("Accept", "text/event-stream");
    if (!bearer.empty()) request.set("Authorization", "Bearer " + bearer);
    session_.sendRequest(request) << body;
    body_ = &session_.receiveResponse(response_);
}

std::optional<std::string> SseStream::nextData() {
    std::string line;
    std::optional<std::string> data;
    // Per wire-formats.md §10: fields until a blank line; only data lines matter here.
    while (std::getline(*body_, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (data) return data;
            continue;
        }
        if (line.starts_with(":")) continue;
        if (line.starts_with("data:")) {
            std::string value = line.substr(5);
            if (value.starts_with(" ")) value.erase(0, 1);
            data = data ? *data + "\n" + value : value;
        }
    }
    return data;  // a final event without its blank line still counts
}

std::vector<std::string> SseStream::readAll() {
    std::vector<std::string> events;
    while (auto data = nextData()) events.push_back(std::move(*data));
    return events;
}

std::string SseStream::rest() {
    std::string text;
    Poco::StreamCopier::copyToString(*body_, text);
    return text;
}

void SseStream::disconnect() { session_.abort(); }

}  // namespace portico::itest
