#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "ConverseUsage.h"
#include "EventStreamDecoder.h"

namespace portico::bedrock {

/// One ConverseStream response (raw event-stream bytes, split anywhere) translated into OpenAI
/// `chat.completion.chunk`s:
///   messageStart                    -> the role chunk (delta {role:"assistant", content:""})
///   contentBlockStart with toolUse  -> delta.tool_calls[{index, id, type, function:{name, arguments:""}}]
///   contentBlockDelta text          -> delta.content; toolUse.input -> that tool call's arguments;
///                                      reasoningContent.text -> delta.reasoning_content
///   messageStop                     -> its stopReason is held: usage comes after it, in metadata
///   metadata                        -> usage to the host, then the finish chunk carrying usage
/// Tool calls are numbered 0.. in the order their blocks start, keyed by contentBlockIndex.
/// Unknown event types are skipped (AWS SDKs do the same). An exception frame, an error frame,
/// a corrupt frame, or a body that ends before messageStop throws a PluginError(UPSTREAM).
class ConverseStream {
public:
    ConverseStream(std::string id, std::string model, int64_t created_unix)
        : id_(std::move(id)), model_(std::move(model)), created_(created_unix) {}

    /// Returns PORTICO_ERR_CLOSED when the client has gone.
    portico_status feed(std::string_view bytes, portico_chunk_sink& sink);
    /// The body ended: emits the held finish chunk if metadata never came, or throws for a cut stream.
    void end(portico_chunk_sink& sink);

private:
    portico_status onMessage(const EventStreamMessage& message, portico_chunk_sink& sink);
    portico_status onEvent(std::string_view type, simdjson::dom::element payload, portico_chunk_sink& sink);
    portico_status onBlockStart(simdjson::dom::element payload, portico_chunk_sink& sink);
    portico_status onBlockDelta(simdjson::dom::element payload, portico_chunk_sink& sink);
    portico_status finish(portico_chunk_sink& sink);
    template <typename WriteDelta>
    portico_status emitChunk(portico_chunk_sink& sink, WriteDelta&& writeDelta, std::string_view finish_reason = {});

    EventStreamDecoder decoder_;
    simdjson::dom::parser parser_;
    std::string id_;
    std::string model_;
    int64_t created_;
    std::map<int64_t, int> tool_call_of_block_;  ///< contentBlockIndex -> OpenAI tool_calls index
    ConverseUsage usage_;
    std::string stop_reason_;
    bool stopped_ = false;   ///< messageStop arrived
    bool finished_ = false;  ///< the finish chunk went out
};

}  // namespace portico::bedrock
