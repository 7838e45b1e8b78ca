#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

namespace portico::api::openai {

/// Builds the Responses API's objects from what a chat provider answered.
namespace response_object {

/// A `message` output item holding one output_text part.
std::string messageItem(std::string_view id, std::string_view text, std::string_view status);
/// A `function_call` output item.
std::string functionCallItem(std::string_view call_id, std::string_view name, std::string_view arguments,
                             std::string_view status);
/// Responses usage (`input_tokens`, `output_tokens`, details, `total_tokens`).
std::string usage(const portico_usage& usage);
/// The `response` object: `output_items` is the items' JSON joined by commas; `status` completed,
/// incomplete (then `incomplete_reason`) or in_progress; `usage_json` empty renders null.
std::string response(std::string_view id, int64_t created_at, std::string_view model, std::string_view status,
                     std::string_view incomplete_reason, std::string_view output_items, std::string_view usage_json);

/// The whole response for an OpenAI chat.completion, model = the client's name for it.
std::string fromChat(std::string_view chat_completion, std::string_view model);

}  // namespace response_object
}  // namespace portico::api::openai
