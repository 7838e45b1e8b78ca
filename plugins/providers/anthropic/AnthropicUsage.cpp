#include "AnthropicUsage.h"

#include <string_view>

namespace portico::anthropic {
namespace {

uint64_t count(simdjson::dom::element value) {
    uint64_t n = 0;
    return value.get_uint64().get(n) == simdjson::SUCCESS ? n : 0;
}

}  // namespace

void AnthropicUsage::merge(simdjson::dom::element usage) {
    simdjson::dom::object fields;
    if (usage.get_object().get(fields) != simdjson::SUCCESS) return;
    reported = true;
    for (const auto field : fields) {
        const std::string_view key = field.key;
        if (key == "input_tokens") input_tokens = count(field.value);
        else if (key == "output_tokens") output_tokens = count(field.value);
        else if (key == "cache_read_input_tokens") cache_read_input_tokens = count(field.value);
        else if (key == "cache_creation_input_tokens") cache_creation_input_tokens = count(field.value);
    }
}

void AnthropicUsage::copyTo(portico_usage& out) const {
    out.prompt_tokens = promptTokens();
    out.completion_tokens = output_tokens;
    out.total_tokens = promptTokens() + output_tokens;
    out.cached_tokens = cache_read_input_tokens;
    if (PORTICO_HAS(portico_usage, &out, cache_creation_tokens)) out.cache_creation_tokens = cache_creation_input_tokens;
}

portico_usage AnthropicUsage::toPortico() const {
    portico_usage usage{};
    usage.struct_size = sizeof usage;
    copyTo(usage);
    return usage;
}

void AnthropicUsage::writeOpenAi(JsonWriter& out) const {
    out.StartObject();
    writeKey(out, "prompt_tokens");
    out.Uint64(promptTokens());
    writeKey(out, "completion_tokens");
    out.Uint64(output_tokens);
    writeKey(out, "total_tokens");
    out.Uint64(promptTokens() + output_tokens);
    writeKey(out, "prompt_tokens_details");
    out.StartObject();
    writeKey(out, "cached_tokens");
    out.Uint64(cache_read_input_tokens);
    out.EndObject();
    writeKey(out, "cache_read_input_tokens");
    out.Uint64(cache_read_input_tokens);
    writeKey(out, "cache_creation_input_tokens");
    out.Uint64(cache_creation_input_tokens);
    out.EndObject();
}

}  // namespace portico::anthropic
