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

std::string stringOr(value v, std::string fallback) {
    return v.type() == json_type::string ? std::string(std::string_view(v.get_string())) : fallback;
}

/// One nested count, e.g. prompt_tokens_details.cached_tokens; the details object may be null.
uint64_t detail(value details, std::string_view key) {
    if (details.type() != json_type::object) return 0;
    uint64_t found = 0;
    for (auto field : details.get_object())
        if (std::string_view(field.unescaped_key()) == key) found = count(field.value());
    return found;
}

/// Both namings: Chat Completions (and embeddings, which report prompt and total only) and the
/// Responses API, whose input/output counts mean the same as prompt/completion.
void readUsage(value usage_object, portico_usage& usage) {
    for (auto field : usage_object.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "prompt_tokens" || key == "input_tokens") usage.prompt_tokens = count(field.value());
        else if (key == "completion_tokens" || key == "output_tokens") usage.completion_tokens = count(field.value());
        else if (key == "total_tokens") usage.total_tokens = count(field.value());
        else if (key == "prompt_tokens_details" || key == "input_tokens_details")
            usage.cached_tokens = detail(field.value(), "cached_tokens");
        else if (key == "completion_tokens_details" || key == "output_tokens_details")
            usage.reasoning_tokens = detail(field.value(), "reasoning_tokens");
    }
    if (usage.total_tokens == 0) usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
}

constexpr std::string_view kNoMessage = "upstream reported an error without a message";

UpstreamErrorInfo errorInfo(value error) {
    UpstreamErrorInfo info;
    if (error.type() == json_type::string) {
        info.message = std::string(std::string_view(error.get_string()));
        return info;
    }
    std::string type;
    if (error.type() == json_type::object) {
        for (auto field : error.get_object()) {
            const std::string_view key = field.unescaped_key();
            if (key == "message") info.message = stringOr(field.value(), "");
            else if (key == "code") info.code = stringOr(field.value(), "");
            else if (key == "type") type = stringOr(field.value(), "");
        }
    }
    if (info.message.empty()) info.message = kNoMessage;
    if (info.code.empty()) info.code = type;
    return info;
}

/// The parts of a Responses `response` object an event carries: usage and error.
void readResponseObject(value response, ResponsesEvent& event) {
    if (response.type() != json_type::object) return;
    for (auto field : response.get_object()) {
        const std::string_view key = field.unescaped_key();
        value v = field.value();
        if (key == "usage" && v.type() == json_type::object) {
            readUsage(v, event.usage);
            event.has_usage = true;
        } else if (key == "error" && v.type() != json_type::null) {
            event.error = errorInfo(v);
        }
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
            if (error.type() != json_type::null) payload.error = errorInfo(error);
        }
    }
    return payload;
}

ResponsesEvent ResponsesEvent::inspect(simdjson::ondemand::parser& parser, simdjson::padded_string_view json) {
    ResponsesEvent event;
    std::string message;
    std::string code;
    simdjson::ondemand::document doc = parser.iterate(json);
    for (auto field : doc.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "type") event.type = stringOr(field.value(), "");
        else if (key == "response") readResponseObject(field.value(), event);
        // The fields of an `error` event sit at the top level: {type:"error", code, message, param}.
        else if (key == "message") message = stringOr(field.value(), "");
        else if (key == "code") code = stringOr(field.value(), "");
    }
    if (event.type == "error") event.error = UpstreamErrorInfo{message.empty() ? std::string(kNoMessage) : message, code};
    return event;
}

}  // namespace portico::openai
