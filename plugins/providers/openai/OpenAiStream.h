#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

#include <simdjson.h>

#include "OpenAiOperation.h"

namespace portico::openai {

/// One streaming upstream response of one operation. The host splits the SSE framing
/// (PORTICO_PROVIDER_SSE_EVENTS), so each feed() gets one event's data payload. Chat and legacy
/// completions send chunks (already canonical, emitted unchanged), error objects and "[DONE]";
/// the Responses API sends typed events whose data repeats the event name in "type" and that end
/// with a terminal `response.*` event. Calls on one stream are serialized, so the parser and its
/// padded buffer are reused across events without locking.
class OpenAiStream {
public:
    explicit OpenAiStream(const OperationTraits& operation) : operation_(operation) {}

    /// Emits the payload unchanged (minus surrounding whitespace, which could break the client's
    /// SSE framing) and reports usage when present; ignores "[DONE]" (the host writes its own
    /// terminator), blank payloads and anything after the stream's end. Responses events go out
    /// with sink.emit_event under their own type when the host has that slot. Returns
    /// PORTICO_ERR_CLOSED when the client has gone. Throws plugin_common::upstreamError(502) for
    /// an error event (a Responses `error` or `response.failed`) and for a malformed event that
    /// had to be read. Chat/completions chunks are parsed only when they carry a non-null "usage"
    /// or "error" key; the others are relayed as they came, as a pass-through proxy would.
    portico_status feed(std::string_view data, portico_chunk_sink& sink);
    /// At the end of the upstream body: a stream that did not end the way its operation ends
    /// ("[DONE]", or a terminal Responses event) was cut off (an upstream crash, a proxy's idle
    /// close). Throws upstreamError(502) then, so the client sees an error event instead of a
    /// truncated answer passed off as complete.
    void end() const;

private:
    portico_status feedChunk(std::string_view payload, portico_chunk_sink& sink);
    portico_status feedResponsesEvent(std::string_view payload, portico_chunk_sink& sink);
    simdjson::padded_string_view padded(std::string_view data);

    const OperationTraits& operation_;
    simdjson::ondemand::parser parser_;
    std::string buffer_;  ///< the current payload, with SIMDJSON_PADDING bytes of capacity after it
    bool done_ = false;   ///< the stream's end marker arrived
};

}  // namespace portico::openai
