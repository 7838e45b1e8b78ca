#pragma once
#include <portico/plugin.h>
#include <simdjson.h>

#include <cstdint>

#include "common/JsonOut.h"

namespace portico::bedrock {

/// Converse `usage` in OpenAI's meaning. Bedrock's inputTokens exclude cache reads and writes
/// (as Anthropic's do), so prompt_tokens adds them back; totals are computed, not Bedrock's
/// totalTokens, whose treatment of cache tokens is undocumented.
struct ConverseUsage {
    uint64_t input = 0;
    uint64_t output = 0;
    uint64_t cache_read = 0;
    uint64_t cache_write = 0;
    bool reported = false;

    static ConverseUsage from(simdjson::dom::element usage);

    uint64_t promptTokens() const { return input + cache_read + cache_write; }
    portico_usage toPortico() const;
    /// {"prompt_tokens","completion_tokens","total_tokens","prompt_tokens_details":{cached_tokens}}
    void writeOpenAi(plugin_common::JsonWriter& out) const;
};

/// Converse stopReason -> OpenAI finish_reason (wire-formats.md §11.9); an unknown reason is "stop".
std::string_view finishReason(std::string_view stop_reason);

}  // namespace portico::bedrock
