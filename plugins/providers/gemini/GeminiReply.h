#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "GeminiError.h"

namespace portico::gemini {

/// A functionCall part: its name and its args as JSON text (OpenAI's function.arguments).
struct GeminiFunctionCall {
    std::string name;
    std::string arguments;
};

/// One candidate of a GenerateContentResponse (or, in a stream, what one chunk adds to it).
struct GeminiCandidate {
    uint64_t index = 0;
    std::string text;       ///< text parts, concatenated
    std::string reasoning;  ///< parts marked thought: true (reasoning_content, as LiteLLM names it)
    std::vector<GeminiFunctionCall> calls;
    std::string finish_reason;  ///< Gemini's, empty until the candidate ends
};

/// What the gateway reads from one GenerateContentResponse: a whole answer, or one stream chunk.
struct GeminiReply {
    std::vector<GeminiCandidate> candidates;
    bool has_usage = false;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    std::string block_reason;  ///< promptFeedback.blockReason: the prompt was refused, no candidates
    std::string response_id;
    std::optional<GeminiErrorBody> error;  ///< an error object instead of a response

    /// True if any candidate (or the prompt feedback) says the answer is over.
    bool finished() const;

    /// Parses one document. Throws simdjson::simdjson_error when it is not JSON.
    static GeminiReply parse(simdjson::dom::parser& parser, std::string_view json);
};

/// usageMetadata in OpenAI terms, as LiteLLM counts: completion = candidates + thoughts (OpenAI's
/// completion tokens include reasoning), reasoning = thoughts, cached = cachedContentTokenCount.
portico_usage usageFrom(simdjson::dom::element usage_metadata);

/// Gemini's finishReason as OpenAI's finish_reason. STOP with function calls is tool_calls (Gemini
/// has no value of its own for it); the safety family is content_filter; MAX_TOKENS is length;
/// everything else (OTHER, MALFORMED_FUNCTION_CALL, ...) is stop.
std::string_view openAiFinishReason(std::string_view gemini_reason, bool has_tool_calls);

}  // namespace portico::gemini
