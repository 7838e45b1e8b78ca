#pragma once
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::api::gemini {

/// Checks a generateContent body as Gemini does: `contents` a non-empty array of contents whose
/// role is "user" or "model" (or absent) and whose parts are objects, no duplicate keys.
/// Throws GatewayError 400 naming the field.
void validateGenerateContent(simdjson::dom::object request);

/// The OpenAI chat-completions body for a generateContent request, "model" = `model`:
/// systemInstruction to a system message, user/model contents to user/assistant messages (text,
/// inlineData and fileData as text and image_url parts), functionCall parts to tool_calls and
/// functionResponse parts to tool messages (ids from the part's id, else from the function's name,
/// so a call and its response meet), functionDeclarations to tools, functionCallingConfig to
/// tool_choice, generationConfig to max_tokens / temperature / top_p / stop / n / seed / penalties
/// / response_format. Built-in tools and parts chat cannot carry are a 400 naming them.
std::string geminiToChat(simdjson::dom::object request, std::string_view model, bool stream);

}  // namespace portico::api::gemini
