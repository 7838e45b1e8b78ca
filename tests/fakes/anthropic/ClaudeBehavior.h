#pragma once
#include <string_view>

namespace portico::fakes::anthropic {

/// What the Anthropic fake does for a request, chosen by its "model" (the gateway forwards the
/// model, nothing a test could add), like openai/ModelBehavior for the OpenAI fake:
///   claude-error-<status>  that status with Anthropic's error body for it (429 and 529 carry
///                          retry-after: 1)
///   claude-context         400 invalid_request_error "prompt is too long: ..."
///   claude-tool            a tool_use of the request's first tool (stop_reason tool_use), its
///                          input streamed in several input_json_delta fragments
///   claude-stream-cut      a stream that ends after one text delta, without message_stop
///   claude-stream-error    a stream with an `error` event (overloaded_error) after one delta
///   anything else          a text answer, kClaudeReply
struct ClaudeBehavior {
    enum class Kind { Normal, Error, Context, Tool, StreamCut, StreamError };

    Kind kind = Kind::Normal;
    int status = 200;  ///< for Kind::Error

    static ClaudeBehavior fromModel(std::string_view model);
};

/// The text of every normal answer; tests compare against it.
inline constexpr std::string_view kClaudeReply = "Hello from fake Claude";

}  // namespace portico::fakes::anthropic
