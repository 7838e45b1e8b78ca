#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "GeminiReply.h"
#include "JsonOut.h"

namespace portico::gemini {

/// "call_" + 24 random hex digits: Gemini's functionCall rarely has an id, OpenAI clients need one.
std::string newToolCallId();

/// "chatcmpl-" + Gemini's responseId, or random hex when it sent none.
std::string completionId(std::string_view response_id);

/// The OpenAI tool_calls array. In a stream each call also gets its position (`index`), counted
/// from first_index across the whole stream; a complete message (first_index < 0) has none.
void writeToolCalls(JsonWriter& out, const std::vector<GeminiFunctionCall>& calls, int64_t first_index);

/// A whole Gemini answer as an OpenAI `chat.completion`: one choice per candidate (text parts
/// joined, content null when there is no text, functionCalls as tool_calls), usage per usageFrom.
/// A blocked prompt (no candidates, promptFeedback.blockReason) is one empty choice with
/// finish_reason content_filter, as LiteLLM answers it.
std::string chatCompletion(const GeminiReply& reply, std::string_view model);

}  // namespace portico::gemini
