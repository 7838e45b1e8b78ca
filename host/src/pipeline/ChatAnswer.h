#pragma once
#include <portico/plugin.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace portico::pipeline {

/// A provider's canonical chat.completion as the codecs that re-encode it (Anthropic, Gemini) read
/// it: the first choice's text, reasoning, tool calls and finish reason, and the usage.
struct ChatAnswer {
    struct ToolCall {
        std::string_view id, name;
        std::string arguments;  ///< a JSON object's text ("{}" when the model sent none)
    };
    std::string_view id, finish_reason = "stop", content, reasoning;
    std::vector<ToolCall> tool_calls;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
};

/// Reads `chat_completion` with `parser` (the views point into its document). Throws
/// GatewayError 502 when it is not a chat completion or a tool call's arguments are not an object.
ChatAnswer readChatAnswer(std::string_view chat_completion, simdjson::dom::parser& parser);

/// Tool arguments (whole, or a stream's fragments joined) as a JSON object's text, "{}" when
/// empty. Throws GatewayError 502 when they are not a JSON object.
std::string toolArgumentsObject(std::string_view arguments);

}  // namespace portico::pipeline
