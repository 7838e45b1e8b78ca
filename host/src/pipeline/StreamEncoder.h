#pragma once
#include <portico/plugin.h>

#include <string_view>

#include "core/GatewayError.h"
#include "http/SseWriter.h"

namespace portico::pipeline {

/// Writes one stream's events in the client's protocol. An encoder is made per request by the
/// request's codec (InboundCodec::chatStream for canonical chat chunks, nativeStream when the
/// provider answers in the client's own format) and keeps whatever state the protocol needs
/// (Anthropic's open content blocks, the Responses API's output items). ClientStream owns the
/// writer's begin/flush; an encoder only buffers events into it.
class StreamEncoder {
public:
    virtual ~StreamEncoder() = default;

    /// One chunk the provider emitted with sink.emit: a canonical chat.completion.chunk for a
    /// chat stream, the native data (a Gemini response) for a native one. `framed`, when not
    /// empty, is the upstream's own SSE bytes of exactly this data (the provider passed the event
    /// through unchanged): an encoder that sends the data as it is relays them instead of
    /// framing it anew (`out.raw(framed)`), which is what keeps pass-through streams cheap.
    virtual void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) = 0;
    /// One typed event the provider emitted with sink.emit_event (native Anthropic, Responses).
    virtual void event(std::string_view name, std::string_view data, http::SseWriter& out) {
        out.namedEvent(name, data);
    }
    /// The provider finished: the protocol's closing events (`[DONE]`, `message_stop`,
    /// `response.completed`). `usage` is what the provider reported, or null.
    virtual void finish(const portico_usage* usage, http::SseWriter& out) = 0;
    /// The stream failed after it had started: the protocol's error event.
    virtual void fail(const core::GatewayError& error, http::SseWriter& out) = 0;
};

}  // namespace portico::pipeline
