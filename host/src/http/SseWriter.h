#pragma once
#include <Poco/Net/HTTPServerResponse.h>

#include <ostream>
#include <string_view>

namespace portico::http {

/// Writes a text/event-stream response. Events are buffered and go out with flush(): a relay
/// writes everything it has at hand and flushes once before it would wait, so several events
/// cost one send instead of one each. Poco swallows a client disconnect inside a flush and only
/// sets badbit, so flush() reports whether the client is still there; callers stop (and release
/// the upstream) when it is not.
class SseWriter {
public:
    explicit SseWriter(Poco::Net::HTTPServerResponse& response) : response_(response) {}

    /// Sends status 200 and the stream headers. Call once, before any event.
    void begin();
    bool started() const { return out_ != nullptr; }
    /// Buffers `data: <json>\n\n`.
    void event(std::string_view json);
    /// Buffers `event: <name>\ndata: <json>\n\n` (typed events: Anthropic, the Responses API).
    void namedEvent(std::string_view name, std::string_view json);
    /// Buffers bytes that already are SSE framing (an upstream's event, relayed as it came).
    void raw(std::string_view bytes);
    /// Sends what is buffered. Returns false if the client has gone.
    bool flush();
    /// event() then flush().
    bool data(std::string_view json);
    /// `data: [DONE]\n\n`, flushed.
    bool done();
    bool clientConnected() const { return out_ && out_->good(); }

private:
    Poco::Net::HTTPServerResponse& response_;
    std::ostream* out_ = nullptr;
};

}  // namespace portico::http
