#include "ConverseUsage.h"

namespace portico::bedrock {

using plugin_common::writeKey;

ConverseUsage ConverseUsage::from(simdjson::dom::element usage) {
    ConverseUsage out;
    const auto read = [&](std::string_view key, uint64_t& into) {
        uint64_t value = 0;
        if (usage[key].get(value) == simdjson::SUCCESS) {
            into = value;
            out.reported = true;
        }
    };
    read("inputTokens", out.input);
    read("outputTokens", out.output);
    read("cacheReadInputTokens", out.cache_read);
    read("cacheWriteInputTokens", out.cache_write);
    return out;
}

portico_usage ConverseUsage::toPortico() const {
    portico_usage usage{};
    usage.struct_size = sizeof usage;
    usage.prompt_tokens = promptTokens();
    usage.completion_tokens = output;
    usage.total_tokens = promptTokens() + output;
    usage.cached_tokens = cache_read;
    usage.cache_creation_tokens = cache_write;
    return usage;
}

void ConverseUsage::writeOpenAi(plugin_common::JsonWriter& out) const {
    out.StartObject();
    writeKey(out, "prompt_tokens");
    out.Uint64(promptTokens());
    writeKey(out, "completion_tokens");
    out.Uint64(output);
    writeKey(out, "total_tokens");
    out.Uint64(promptTokens() + output);
    writeKey(out, "prompt_tokens_details");
    out.StartObject();
    writeKey(out, "cached_tokens");
    out.Uint64(cache_read);
    out.EndObject();
    out.EndObject();
}

std::string_view finishReason(std::string_view stop_reason) {
    if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded") return "length";
    if (stop_reason == "tool_use") return "tool_calls";
    if (stop_reason == "guardrail_intervened" || stop_reason == "content_filtered") return "content_filter";
    return "stop";
}

}  // namespace portico::bedrock
