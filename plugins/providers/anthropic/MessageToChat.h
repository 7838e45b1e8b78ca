#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "AnthropicUsage.h"

namespace portico::anthropic {

/// Anthropic's stop_reason as OpenAI's finish_reason: end_turn / stop_sequence / pause_turn ->
/// stop, max_tokens / model_context_window_exceeded -> length, tool_use -> tool_calls, refusal ->
/// content_filter; anything else (null, a newer value) -> stop.
std::string_view finishReason(std::string_view stop_reason);

/// What a translated answer reports beside its body.
struct TranslatedMessage {
    std::string chat_completion;
    AnthropicUsage usage;
};

/// A 2xx Anthropic `message` as an OpenAI `chat.completion`: text blocks concatenated into
/// message.content (null when the answer is tool calls only), tool_use blocks as tool_calls
/// (input serialised as the arguments text), thinking blocks as LiteLLM's reasoning_content,
/// stop_reason as finish_reason, usage in OpenAI's meaning, id and model as Anthropic sent them,
/// `created` = `created_unix` (Anthropic has no timestamp). Throws the PluginError of
/// anthropic::brokenStream (502) when the body is not a message object.
TranslatedMessage messageToChat(std::string_view body, int64_t created_unix);

/// The usage of a native `message` body without translating it; a body that is not JSON, or a
/// count_tokens answer (a cost estimate, nothing was spent), reports nothing.
AnthropicUsage usageOfNativeBody(std::string_view body);

}  // namespace portico::anthropic
