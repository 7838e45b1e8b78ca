#include "api/anthropic/ChatToMessage.h"

#include <simdjson.h>

#include "core/GatewayError.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

namespace portico::api::anthropic {
namespace {

using core::GatewayError;

GatewayError notACompletion(std::string_view what) {
    return GatewayError(502, "api_error", {}, "The provider's answer is not a chat completion: " + std::string(what));
}

/// Tool arguments as the object Anthropic's tool_use.input is; empty arguments are `{}`.
std::string toolInput(std::string_view arguments) {
    if (arguments.find_first_not_of(" \t\r\n") == std::string_view::npos) return "{}";
    // A second parser: the caller's thread parser still holds the completion being read.
    simdjson::dom::parser parser;
    simdjson::dom::object input;
    if (parser.parse(arguments.data(), arguments.size()).get_object().get(input))
        throw notACompletion("a tool call's arguments are not a JSON object");
    return simdjson::minify(input);
}

void appendTextBlock(std::string& out, std::string_view text) {
    out.append("{\"type\":\"text\",\"text\":");
    core::appendJsonString(out, text);
    out.push_back('}');
}

}  // namespace

std::string_view stopReason(std::string_view finish_reason) {
    if (finish_reason == "length") return "max_tokens";
    if (finish_reason == "tool_calls" || finish_reason == "function_call") return "tool_use";
    if (finish_reason == "content_filter") return "refusal";
    return "end_turn";
}

std::string usageJson(const portico_usage& usage) {
    const uint64_t cached = usage.cached_tokens + usage.cache_creation_tokens;
    const uint64_t input = usage.prompt_tokens > cached ? usage.prompt_tokens - cached : 0;
    std::string out = "{\"input_tokens\":" + std::to_string(input) +
                      ",\"output_tokens\":" + std::to_string(usage.completion_tokens);
    out += ",\"cache_creation_input_tokens\":" + std::to_string(usage.cache_creation_tokens);
    out += ",\"cache_read_input_tokens\":" + std::to_string(usage.cached_tokens) + "}";
    return out;
}

std::string chatToMessage(std::string_view chat_completion, std::string_view model) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object completion, message;
    if (parser->parse(chat_completion.data(), chat_completion.size()).get_object().get(completion))
        throw notACompletion("not a JSON object");
    simdjson::dom::array choices;
    if (completion["choices"].get_array().get(choices) || choices.size() == 0 ||
        choices.at(0)["message"].get_object().get(message))
        throw notACompletion("no choices[0].message");
    std::string_view id = "msg_portico", finish = "stop";
    pipeline::readIfPresent(completion["id"].get_string(), id);
    pipeline::readIfPresent(choices.at(0)["finish_reason"].get_string(), finish);

    std::string out = "{\"id\":";
    core::appendJsonString(out, id);
    out.append(",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
    core::appendJsonString(out, model);
    out.append(",\"content\":[");
    bool first = true;
    const auto separator = [&] {
        if (!first) out.push_back(',');
        first = false;
    };
    std::string_view text;
    if (pipeline::readIfPresent(message["reasoning_content"].get_string(), text) && !text.empty()) {
        separator();
        out.append("{\"type\":\"thinking\",\"thinking\":");
        core::appendJsonString(out, text);
        out.append(",\"signature\":\"\"}");
    }
    if (pipeline::readIfPresent(message["content"].get_string(), text) && !text.empty()) {
        separator();
        appendTextBlock(out, text);
    }
    simdjson::dom::array calls;
    if (!message["tool_calls"].get_array().get(calls))
        for (simdjson::dom::element call : calls) {
            std::string_view call_id, name, arguments;
            if (call["id"].get_string().get(call_id) || call.at_pointer("/function/name").get_string().get(name))
                throw notACompletion("a tool call without id or function.name");
            pipeline::readIfPresent(call.at_pointer("/function/arguments").get_string(), arguments);
            separator();
            out.append("{\"type\":\"tool_use\",\"id\":");
            core::appendJsonString(out, call_id);
            out.append(",\"name\":");
            core::appendJsonString(out, name);
            out.append(",\"input\":").append(toolInput(arguments)).push_back('}');
        }
    out.append("],\"stop_reason\":\"").append(stopReason(finish)).append("\",\"stop_sequence\":null,\"usage\":");

    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    simdjson::dom::object counts;
    if (!completion["usage"].get_object().get(counts)) {
        pipeline::readIfPresent(counts["prompt_tokens"].get_uint64(), usage.prompt_tokens);
        pipeline::readIfPresent(counts["completion_tokens"].get_uint64(), usage.completion_tokens);
        pipeline::readIfPresent(counts.at_pointer("/prompt_tokens_details/cached_tokens").get_uint64(), usage.cached_tokens);
        pipeline::readIfPresent(counts.at_pointer("/prompt_tokens_details/cache_write_tokens").get_uint64(),
                                usage.cache_creation_tokens);
    }
    out.append(usageJson(usage)).push_back('}');
    return out;
}

}  // namespace portico::api::anthropic
