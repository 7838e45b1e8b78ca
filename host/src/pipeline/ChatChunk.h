#pragma once
#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace portico::pipeline {

/// One tool call's piece in a chunk: its index, and id and name when the call starts.
struct ToolCallDelta {
    int64_t index = 0;
    std::string_view id, name, arguments;
};

/// A canonical chat.completion.chunk's first choice as the encoders of other protocols (Anthropic,
/// Gemini, Responses) read it. Views point into the parser's document.
struct ChatChunk {
    std::string_view id, finish_reason, content, reasoning;
    std::vector<ToolCallDelta> tool_calls;
};

/// Reads `data` with `parser` into `out`; false when it is not a JSON object (nothing to encode).
bool readChatChunk(std::string_view data, simdjson::dom::parser& parser, ChatChunk& out);

}  // namespace portico::pipeline
