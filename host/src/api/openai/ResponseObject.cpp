#include "api/openai/ResponseObject.h"

#include <ctime>

#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatAnswer.h"

namespace portico::api::openai::response_object {

std::string messageItem(std::string_view id, std::string_view text, std::string_view status) {
    std::string out = "{\"type\":\"message\",\"id\":";
    core::appendJsonString(out, id);
    out.append(",\"status\":");
    core::appendJsonString(out, status);
    out.append(",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":");
    core::appendJsonString(out, text);
    out.append(",\"annotations\":[]}]}");
    return out;
}

std::string functionCallItem(std::string_view call_id, std::string_view name, std::string_view arguments,
                             std::string_view status) {
    std::string out = "{\"type\":\"function_call\",\"id\":";
    core::appendJsonString(out, "fc_" + std::string(call_id));
    out.append(",\"call_id\":");
    core::appendJsonString(out, call_id);
    out.append(",\"name\":");
    core::appendJsonString(out, name);
    out.append(",\"arguments\":");
    core::appendJsonString(out, arguments);
    out.append(",\"status\":");
    core::appendJsonString(out, status);
    out.push_back('}');
    return out;
}

std::string usage(const portico_usage& usage) {
    return "{\"input_tokens\":" + std::to_string(usage.prompt_tokens) +
           ",\"input_tokens_details\":{\"cached_tokens\":" + std::to_string(usage.cached_tokens) +
           "},\"output_tokens\":" + std::to_string(usage.completion_tokens) +
           ",\"output_tokens_details\":{\"reasoning_tokens\":" + std::to_string(usage.reasoning_tokens) +
           "},\"total_tokens\":" +
           std::to_string(usage.total_tokens ? usage.total_tokens : usage.prompt_tokens + usage.completion_tokens) + "}";
}

std::string response(std::string_view id, int64_t created_at, std::string_view model, std::string_view status,
                     std::string_view incomplete_reason, std::string_view output_items, std::string_view usage_json) {
    std::string out = "{\"id\":";
    core::appendJsonString(out, id);
    out.append(",\"object\":\"response\",\"created_at\":").append(std::to_string(created_at)).append(",\"status\":");
    core::appendJsonString(out, status);
    out.append(",\"model\":");
    core::appendJsonString(out, model);
    out.append(",\"error\":null,\"incomplete_details\":");
    if (incomplete_reason.empty()) {
        out.append("null");
    } else {
        out.append("{\"reason\":");
        core::appendJsonString(out, incomplete_reason);
        out.push_back('}');
    }
    out.append(",\"output\":[").append(output_items).append("],\"usage\":");
    out.append(usage_json.empty() ? std::string_view("null") : usage_json);
    out.append(",\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],\"metadata\":{}}");
    return out;
}

std::string fromChat(std::string_view chat_completion, std::string_view model) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    const pipeline::ChatAnswer answer = pipeline::readChatAnswer(chat_completion, *parser);
    const std::string id(answer.id.empty() ? "portico" : answer.id);
    std::string items;
    if (!answer.content.empty()) items = messageItem("msg_" + id, answer.content, "completed");
    for (const auto& call : answer.tool_calls) {
        if (!items.empty()) items.push_back(',');
        items.append(functionCallItem(call.id, call.name, call.arguments, "completed"));
    }
    const bool length = answer.finish_reason == "length";
    const bool filtered = answer.finish_reason == "content_filter";
    return response("resp_" + id, std::time(nullptr), model, length || filtered ? "incomplete" : "completed",
                    length ? "max_output_tokens" : filtered ? "content_filter" : "", items, usage(answer.usage));
}

}  // namespace portico::api::openai::response_object
