#pragma once
#include <simdjson.h>

#include <cstdint>

namespace portico::api::anthropic {

/// A rough count of an Anthropic request's input tokens, for /v1/messages/count_tokens when the
/// model's provider cannot count them: about four characters of text per token over the system
/// prompt, the messages' texts and tool inputs/results and the tool definitions, plus a few tokens
/// per message and a flat 1,500 per image or document (their bytes are not text).
uint64_t estimateInputTokens(simdjson::dom::object request);

}  // namespace portico::api::anthropic
