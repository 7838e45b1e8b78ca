#include "api/anthropic/ChatToMessage.h"

#include <simdjson.h>

#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatAnswer.h"

namespace portico::api::anthropic {
namespace {

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
    const pipeline::ChatAnswer answer = pipeline::readChatAnswer(chat_completion, *parser);
    std::string out = "{\"id\":";
    core::appendJsonString(out, answer.id.empty() ? "msg_portico" : answer.id);
    out.append(",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
    core::appendJsonString(out, model);
    out.append(",\"content\":[");
    bool first = true;
    const auto separator = [&] {
        if (!first) out.push_back(',');
        first = false;
    };
    if (!answer.reasoning.empty()) {
        separator();
        out.append("{\"type\":\"thinking\",\"thinking\":");
        core::appendJsonString(out, answer.reasoning);
        out.append(",\"signature\":\"\"}");
    }
    if (!answer.content.empty()) {
        separator();
        appendTextBlock(out, answer.content);
    }
    std::size_t index = 0;
    for (const auto& call : answer.tool_calls) {
        separator();
        out.append("{\"type\":\"tool_use\",\"id\":");
        core::appendJsonString(out, call.id.empty() ? "toolu_portico_" + std::to_string(index) : std::string(call.id));
        out.append(",\"name\":");
        core::appendJsonString(out, call.name);
        out.append(",\"input\":").append(call.arguments).push_back('}');
        ++index;
    }
    out.append("],\"stop_reason\":\"").append(stopReason(answer.finish_reason)).append("\",\"stop_sequence\":null,\"usage\":");
    out.append(usageJson(answer.usage)).push_back('}');
    return out;
}

}  // namespace portico::api::anthropic
