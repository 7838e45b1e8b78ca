#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace portico::pipeline {

/// Folds a stream's chat.completion.chunk JSONs into the chat.completion a non-streamed call
/// would have answered, so a post-call guardrail (which only knows complete responses) can judge
/// a stream: per choice the concatenated content and refusal, tool calls joined by index, the last
/// finish_reason; the first id/created/model/system_fingerprint; the usage chunk's usage.
class CompletionAssembler {
public:
    /// Throws core::GatewayError (502) for a chunk that is not a JSON object: what a guardrail
    /// cannot read must not reach the client unchecked.
    void add(std::string_view chunk_json);
    std::string completion() const;

    struct ToolCall {
        std::string id, type = "function", name, arguments;
    };
    struct Choice {
        std::string role = "assistant";
        std::optional<std::string> content, refusal;
        std::map<int64_t, ToolCall> tool_calls;
        std::string finish_reason_json = "null";
    };

private:
    std::string id_json_ = "\"\"", model_json_ = "\"\"", created_json_ = "0";
    std::optional<std::string> fingerprint_json_, usage_json_;
    bool has_header_ = false;
    std::map<int64_t, Choice> choices_;
};

}  // namespace portico::pipeline
