#pragma once
#include <string>
#include <vector>

#include <simdjson.h>

namespace portico::gemini {

/// One Gemini `Content`: a role and its parts, each part already JSON text.
struct GeminiTurn {
    std::string role;  ///< "user" or "model"
    std::vector<std::string> parts;
};

/// OpenAI messages as Gemini sees a conversation.
struct GeminiConversation {
    std::vector<std::string> system_parts;  ///< for systemInstruction; empty: none
    std::vector<GeminiTurn> turns;          ///< alternating roles, no empty turn
};

/// Translates the OpenAI "messages" array (rules in GeminiChatRequest.h). Throws
/// PluginError(PORTICO_ERR_INVALID / PORTICO_ERR_UNSUPPORTED, 400) naming the bad message.
GeminiConversation translateMessages(simdjson::dom::array messages);

}  // namespace portico::gemini
