#pragma once
#include <string>
#include <string_view>

namespace portico::gemini {

/// Translates an OpenAI chat-completions request body into a Gemini generateContent body:
///   system/developer messages -> systemInstruction; user/tool -> "user", assistant -> "model"
///   (the only roles Gemini takes), consecutive turns of one role merged into one content;
///   text and image_url parts -> text / inlineData (data: URLs) / fileData (other URLs);
///   tool_calls -> functionCall parts; tool messages -> functionResponse parts named after the
///   matching tool call; tools / tool_choice -> tools[].functionDeclarations / toolConfig;
///   sampling and limits -> generationConfig (see docs/providers.md for the whole table).
/// Throws PluginError(PORTICO_ERR_INVALID or PORTICO_ERR_UNSUPPORTED, 400) for a body it cannot
/// translate; fields with no Gemini counterpart are left out.
std::string translateChatRequest(std::string_view canonical_json);

}  // namespace portico::gemini
