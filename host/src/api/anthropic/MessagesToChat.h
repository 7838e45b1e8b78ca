#pragma once
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::api::anthropic {

/// Checks what every provider needs of an Anthropic Messages request, the way Anthropic's API does:
/// max_tokens a positive integer, messages a non-empty array of user/assistant turns whose content
/// is a string or typed blocks, system a string or text blocks. A count_tokens request has no
/// max_tokens (`needs_max_tokens` false). Throws GatewayError 400.
void validateMessagesRequest(simdjson::dom::object request, bool needs_max_tokens = true);

/// The OpenAI chat-completions body for an Anthropic Messages request, "model" = `model`: system
/// to a system message, tool_result blocks to tool messages (before the rest of their turn),
/// tool_use blocks to tool_calls, images to image_url parts, tools and tool_choice to functions,
/// stop_sequences to stop, metadata.user_id to user, and a stream asks for its usage. Blocks the
/// chat form cannot carry (documents, server tools, images inside tool results) are a 400 naming
/// them; thinking blocks in assistant turns and parameters chat has no name for (top_k, thinking)
/// are left out.
std::string messagesToChat(simdjson::dom::object request, std::string_view model);

}  // namespace portico::api::anthropic
