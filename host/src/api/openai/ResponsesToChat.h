#pragma once
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::api::openai {

/// The chat-completions body for an OpenAI Responses request, "model" = `model`: instructions to a
/// system message, `input` (a string, or message / function_call / function_call_output items) to
/// messages, flat function tools to chat's nested ones, tool_choice, max_output_tokens to
/// max_tokens, text.format to response_format, a stream asking for its usage. Stateless: a
/// previous_response_id, built-in tools and item types chat cannot carry are a 400 naming them.
std::string responsesToChat(simdjson::dom::object request, std::string_view model);

}  // namespace portico::api::openai
