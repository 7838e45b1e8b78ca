#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "GeminiReply.h"
#include "JsonOut.h"

namespace portico::gemini {

/// One streamGenerateContent?alt=sse response. The host splits the SSE framing
/// (PORTICO_PROVIDER_SSE_EVENTS), so each feed() gets one event's data: a GenerateContentResponse
/// with the parts that are new since the last one. Calls are serialized per stream, so the parser
/// and the per-candidate state need no lock.
///   canonical: each event becomes one `chat.completion.chunk` (role on a candidate's first delta,
///              finish_reason on its last, tool calls whole, as Gemini sends them);
///   native:    each event is emitted unchanged (Gemini events have no names).
/// Both report the last usageMetadata seen through sink.usage (Gemini's counts are cumulative).
class GeminiStream {
public:
    GeminiStream(bool native, std::string model);

    /// Returns PORTICO_ERR_CLOSED when the client has gone. Throws PluginError(PORTICO_ERR_UPSTREAM)
    /// for an error object in the stream (its own status) or a payload that is not JSON (502).
    portico_status feed(std::string_view data, portico_chunk_sink& sink);
    /// Gemini ends a stream by closing it, so the only sign of a complete answer is a finishReason
    /// (or a blocked prompt). Without one the answer was cut off: PluginError(PORTICO_ERR_UPSTREAM, 502).
    void end() const;

private:
    struct CandidateState {
        bool role_sent = false;
        int64_t tool_calls = 0;  ///< calls sent so far: the next call's index
    };

    std::string chunkFor(const GeminiReply& reply);
    void writeDelta(JsonWriter& out, const GeminiCandidate& candidate);

    bool native_;
    std::string model_;
    std::string id_;
    int64_t created_;
    bool finished_ = false;
    std::map<uint64_t, CandidateState> candidates_;
    simdjson::dom::parser parser_;
};

}  // namespace portico::gemini
