#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

namespace portico::api::anthropic {

/// The Anthropic stop_reason for an OpenAI finish_reason (stop → end_turn, length → max_tokens,
/// tool_calls → tool_use, content_filter → refusal).
std::string_view stopReason(std::string_view finish_reason);

/// Anthropic's usage object from the gateway's counts: input_tokens excludes what was read from
/// or written to the cache, which Anthropic reports apart.
std::string usageJson(const portico_usage& usage);

/// The Anthropic message for an OpenAI chat.completion: reasoning as a thinking block, the
/// content as a text block, each tool call as a tool_use block with its arguments parsed. `model`
/// is the name the client asked for. Throws GatewayError 502 when the answer is not a completion.
std::string chatToMessage(std::string_view chat_completion, std::string_view model);

}  // namespace portico::api::anthropic
