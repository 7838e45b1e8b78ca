#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

#include <simdjson.h>

namespace portico::openai {

/// One streaming upstream response. The host splits the SSE framing (PORTICO_PROVIDER_SSE_EVENTS),
/// so each feed() gets one event's data payload: an OpenAI chunk, an error object or "[DONE]".
/// Chunks are already canonical and are emitted unchanged. Calls on one stream are serialized, so
/// the parser and its padded buffer are reused across events without locking.
class OpenAiStream {
public:
    /// Emits the payload unchanged (minus surrounding whitespace, which could break the client's
    /// SSE framing) and reports its usage if present; ignores "[DONE]" (the host writes its own
    /// terminator) and blank payloads. Returns PORTICO_ERR_CLOSED when the client has gone.
    /// Throws PluginError(PORTICO_ERR_UPSTREAM, 502) for an error event. Only chunks that carry a
    /// non-null "usage" or "error" key are parsed (and a malformed one is a 502); the others are
    /// relayed as they came, as a pass-through proxy would.
    portico_status feed(std::string_view data, portico_chunk_sink& sink);
    /// At the end of the upstream body: OpenAI (and every compatible server) ends a stream with
    /// "[DONE]", so a body that ends without it was cut off (an upstream crash, a proxy's idle
    /// close). Throws PluginError(PORTICO_ERR_UPSTREAM, 502) then, so the client sees an error
    /// event instead of a truncated answer passed off as complete.
    void end() const;

private:
    simdjson::padded_string_view padded(std::string_view data);
    static portico_status emit(std::string_view payload, portico_chunk_sink& sink);

    simdjson::ondemand::parser parser_;
    std::string buffer_;  ///< the current payload, with SIMDJSON_PADDING bytes of capacity after it
    bool done_ = false;   ///< "[DONE]" arrived
};

}  // namespace portico::openai
