#include "OpenAiPayload.h"

#include <string_view>

namespace portico::openai {
namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::value;

/// A count if the value is a non-negative integer; anything else counts as "not reported" rather
/// than failing a response the client would otherwise get in full.
uint64_t count(value v) {
    uint64_t n = 0;
    return v.get_uint64().get(n) == simdjson::SUCCESS ? n : 0;
}

/// One nested count, e.g. prompt_tokens_details.cached_tokens; the details object may be null.
uint64_t detail(value details, std::string_view key) {
    if (details.type() != json_type::object) return 0;
    uint64_t found = 0;
    for (auto field : details.get_object())
        if (std::string_view(field.unescaped_key()) == key) found = count(field.value());
    return found;
}

void readUsage(value usage_object, portico_usage& usage) {
    for (auto field : usage_object.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "prompt_tokens") usage.prompt_tokens = count(field.value());
        else if (key == "completion_tokens") usage.completion_tokens = count(field.value());
        else if (key == "total_tokens") usage.total_tokens = count(field.value());
        else if (key == "prompt_tokens_details") usage.cached_tokens = detail(field.value(), "cached_tokens");
        else if (key == "completion_tokens_details") usage.reasoning_tokens = detail(field.value(), "reasoning_tokens");
    }
    if (usage.total_tokens == 0) usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
}

std::string errorMessage(value error) {
    switch (error.type()) {
        case json_type::string:
            return std::string(std::string_view(error.get_string()));
        case json_type::object:
            for (auto field : error.get_object()) {
                value message = field.value();
                if (std::string_view(field.unescaped_key()) == "message" && message.type() == json_type::string)
                    return std::string(std::string_view(message.get_string()));
            }
            [[fallthrough]];
        default:
            return "upstream reported an error without a message";
    }
}

}  // namespace

OpenAiPayload OpenAiPayload::inspect(simdjson::ondemand::parser& parser, simdjson::padded_string_view json) {
    OpenAiPayload payload;
    simdjson::ondemand::document doc = parser.iterate(json);
    for (auto field : doc.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "usage") {
            value usage = field.value();
            if (usage.type() == json_type::object) {
                readUsage(usage, payload.usage);
                payload.has_usage = true;
            }
        } else if (key == "error") {
            value error = field.value();
            if (error.type() != json_type::null) payload.error_message = errorMessage(error);
        }
    }
    return payload;
}

}  // namespace portico::openai
