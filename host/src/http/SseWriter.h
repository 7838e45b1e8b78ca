#pragma once
#include <Poco/Net/HTTPServerResponse.h>

#include <ostream>
#include <string>
#include <string_view>

namespace portico::http {

/// Writes a text/event-stream response one event at a time, flushing each. Poco swallows a
/// client disconnect inside flush() and only sets badbit, so every write reports whether the
/// client is still there; callers stop (and release the upstream) when it is not.
class SseWriter {
public:
    explicit SseWriter(Poco::Net::HTTPServerResponse& response) : response_(response) {}

    /// Sends status 200 and the stream headers. Call once, before any event.
    void begin();
    bool started() const { return out_ != nullptr; }
    /// `data: <json>\n\n`. Returns false if the client has gone.
    bool data(std::string_view json);
    /// `data: [DONE]\n\n`.
    bool done();
    bool clientConnected() const { return out_ && out_->good(); }

private:
    Poco::Net::HTTPServerResponse& response_;
    std::ostream* out_ = nullptr;
    std::string frame_;  // reused: one allocation per stream, not per event
};

}  // namespace portico::http
