#pragma once
#include <string>
#include <string_view>

namespace portico::bedrock {

/// Translates a canonical (OpenAI chat-completions) request into a Converse request body (the
/// same for converse and converse-stream):
///   system/developer messages (wherever they stand) -> top-level `system` [{text}];
///   user/assistant/tool messages -> `messages`, consecutive same-role turns merged (Converse
///   requires alternation; tool results are user turns, so one step's results become one user
///   message); messages with nothing to send are left out (Converse refuses empty content);
///   assistant tool_calls -> toolUse {toolUseId, name, input: the parsed arguments};
///   tool messages -> toolResult {toolUseId, content:[{text}]};
///   image_url data: URLs -> image {format, source:{bytes}} (http(s) URLs are refused: Converse
///   takes bytes or S3 only, and the gateway does not fetch);
///   max_completion_tokens / max_tokens, temperature (clamped to Converse's 0..1), top_p, stop ->
///   inferenceConfig; tools and tool_choice -> toolConfig (auto / any / tool; "none" drops the
///   tools unless the history holds tool blocks, which Converse only accepts with a toolConfig).
/// Tool-call ids are sanitized to Converse's ^[a-zA-Z0-9_-]{1,64}$ the same way on both sides, so
/// a call and its result still match. Parameters with no Converse equivalent that change nothing
/// a client relies on (penalties, seed, user, logprobs, stream_options) are dropped. Throws
/// PluginError(PORTICO_ERR_INVALID / PORTICO_ERR_UNSUPPORTED, 400) for a body that is not a chat
/// request and for what cannot be honoured: n > 1, response_format json, non-function tools,
/// audio/file parts, image URLs, invalid tool-call arguments.
std::string chatToConverse(std::string_view canonical_json);

/// A tool-call id in Converse's alphabet: other bytes become '_', cut to 64 characters.
std::string converseToolId(std::string_view id);

}  // namespace portico::bedrock
