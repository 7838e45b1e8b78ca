#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "ConverseUsage.h"

namespace portico::bedrock {

struct TranslatedReply {
    std::string chat_completion;
    ConverseUsage usage;
};

/// A Converse response -> an OpenAI chat.completion: output.message.content's text blocks joined
/// into content, toolUse blocks into tool_calls (input serialized as arguments), reasoning text
/// into reasoning_content (LiteLLM's field); stopReason -> finish_reason; usage per ConverseUsage.
/// Converse has no response id, so `id` is the caller's (the request id). Throws
/// PluginError(PORTICO_ERR_UPSTREAM, 502) for a 2xx body that is not a Converse response.
TranslatedReply converseToChat(std::string_view body, std::string_view id, std::string_view model, int64_t created_unix);

}  // namespace portico::bedrock
