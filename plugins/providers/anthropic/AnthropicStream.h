#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "AnthropicEvent.h"
#include "StreamState.h"
#include "Utf8Joiner.h"

namespace portico::anthropic {

/// One Anthropic stream translated into OpenAI `chat.completion.chunk`s (canonical calls). The
/// host splits the SSE framing (PORTICO_PROVIDER_SSE_EVENTS), so each feed() gets one event:
///   message_start            -> the role chunk (delta {role:"assistant", content:""})
///   text / thinking deltas   -> delta.content / delta.reasoning_content (characters whole)
///   tool_use block start     -> delta.tool_calls[{index, id, type, function:{name, arguments:""}}]
///   input_json_delta         -> delta.tool_calls[{index, function:{arguments: fragment}}]
///   message_delta            -> the finish chunk (finish_reason, usage in OpenAI's meaning)
///   message_stop             -> the end; ping and unknown events are skipped
/// Tool calls are numbered 0.. in the order their blocks start, whatever the block index.
/// An `error` event, or a body that ends before message_stop, throws a 5xx PluginError.
class AnthropicStream {
public:
    explicit AnthropicStream(int64_t created_unix) : created_(created_unix) {}

    /// Returns PORTICO_ERR_CLOSED when the client has gone.
    portico_status feed(std::string_view data, portico_chunk_sink& sink);
    void end(portico_chunk_sink& sink) { state_.end(sink); }

private:
    struct Block {
        std::string type;     ///< text, tool_use, thinking, or a kind not translated
        int tool_call = -1;   ///< the OpenAI tool_calls index of a tool_use block
        Utf8Joiner joiner;
    };

    portico_status onMessageStart(const AnthropicEvent& event, portico_chunk_sink& sink);
    portico_status onBlockStart(const AnthropicEvent& event, portico_chunk_sink& sink);
    portico_status onBlockDelta(const AnthropicEvent& event, portico_chunk_sink& sink);
    portico_status onBlockStop(const AnthropicEvent& event, portico_chunk_sink& sink);
    portico_status onMessageDelta(const AnthropicEvent& event, portico_chunk_sink& sink);
    /// Emits the text of `block` (a text or thinking delta, or a flushed remainder).
    portico_status emitText(const Block& block, std::string_view text, portico_chunk_sink& sink);
    /// One chunk whose delta `writeDelta` fills; `finish` empty means finish_reason null.
    template <typename WriteDelta>
    portico_status emitChunk(portico_chunk_sink& sink, WriteDelta&& writeDelta, std::string_view finish = {});

    EventReader reader_;
    StreamState state_;
    int64_t created_;
    std::string id_;
    std::string model_;
    std::map<int64_t, Block> blocks_;
    int tool_calls_ = 0;
};

}  // namespace portico::anthropic
