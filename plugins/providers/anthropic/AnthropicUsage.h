#pragma once
#include <portico/plugin.h>

#include <cstdint>

#include <simdjson.h>

#include "JsonOut.h"

namespace portico::anthropic {

/// Anthropic's token counts, and their OpenAI meaning. Anthropic's input_tokens EXCLUDES cache
/// reads and writes (the opposite of OpenAI's prompt_tokens), so prompt_tokens is the sum of all
/// three; there is no total, it is computed. A stream reports them twice (message_start with the
/// input, message_delta with cumulative counts), so a later report replaces what it names.
struct AnthropicUsage {
    uint64_t input_tokens = 0;
    uint64_t output_tokens = 0;
    uint64_t cache_read_input_tokens = 0;
    uint64_t cache_creation_input_tokens = 0;
    bool reported = false;  ///< at least one usage object was read

    /// Takes the counts `usage` names (a non-object is ignored; a non-integer count reads as 0,
    /// "not reported", rather than failing an answer the client would otherwise get).
    void merge(simdjson::dom::element usage);

    uint64_t promptTokens() const { return input_tokens + cache_read_input_tokens + cache_creation_input_tokens; }
    /// In the host's struct; cache_creation_tokens only where `size` has room for it (ABI 1.1).
    void copyTo(portico_usage& out) const;
    portico_usage toPortico() const;
    /// The OpenAI `usage` object: prompt/completion/total, prompt_tokens_details.cached_tokens,
    /// and LiteLLM's cache_read_input_tokens / cache_creation_input_tokens beside them.
    void writeOpenAi(JsonWriter& out) const;
};

}  // namespace portico::anthropic
