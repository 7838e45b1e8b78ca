#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

namespace portico::api::gemini {

/// Gemini's finishReason for an OpenAI finish_reason (length → MAX_TOKENS, content_filter →
/// SAFETY, everything else, tool calls included, → STOP as Gemini reports them).
std::string_view finishReason(std::string_view openai_finish_reason);

/// `{"promptTokenCount","candidatesTokenCount","totalTokenCount",...}` from the gateway's counts
/// (Gemini counts thoughts apart from the candidates).
std::string usageMetadata(const portico_usage& usage);

/// Appends a text part (`thought` marks reasoning) to a parts list, with a comma when it is not empty.
void appendTextPart(std::string& parts, std::string_view text, bool thought);
/// Appends a functionCall part with `arguments` parsed into args; throws GatewayError 502 when
/// they are not a JSON object.
void appendFunctionCallPart(std::string& parts, std::string_view name, std::string_view arguments, std::string_view id);

/// A GenerateContentResponse for an OpenAI chat.completion: text and functionCall parts (args
/// parsed) of one candidate, usageMetadata, modelVersion = `model`. Throws GatewayError 502 when
/// the answer is not a completion.
std::string chatToGemini(std::string_view chat_completion, std::string_view model);

}  // namespace portico::api::gemini
