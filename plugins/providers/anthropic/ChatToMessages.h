#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace portico::anthropic {

/// max_tokens is required by Anthropic and optional in OpenAI: LiteLLM's default for Anthropic
/// models, so a client that moves from LiteLLM sees the same limit.
inline constexpr uint64_t kDefaultMaxTokens = 4096;

/// Translates a canonical (OpenAI chat-completions) request into an Anthropic Messages request:
///   system/developer messages (wherever they stand) -> top-level `system` text blocks;
///   user/assistant/tool messages -> alternating turns, consecutive same-role turns merged (tool
///   results are user turns, so the results of one step become one user message); messages with
///   nothing to send (empty text) are left out, since Anthropic refuses empty content; a final
///   assistant message (a prefill) loses the trailing whitespace Anthropic refuses;
///   assistant tool_calls -> tool_use blocks (arguments parsed to the `input` object);
///   image_url parts -> image blocks (data: URLs base64, http(s) URLs by url);
///   max_completion_tokens / max_tokens (default kDefaultMaxTokens), temperature, top_p, top_k,
///   stop -> stop_sequences, tools, tool_choice (+ parallel_tool_calls=false), user ->
///   metadata.user_id; `stream` when `stream` is set.
/// Parameters with no Anthropic equivalent that change nothing the client can rely on
/// (penalties, seed, logprobs, stream_options, ...) are dropped. Throws PluginError
/// (PORTICO_ERR_INVALID / PORTICO_ERR_UNSUPPORTED, 400) for a body that is not a chat request,
/// and for what cannot be honoured: n > 1, response_format json, non-function tools, audio and
/// file parts, invalid tool-call arguments.
std::string chatToMessages(std::string_view canonical_json, bool stream);

}  // namespace portico::anthropic
