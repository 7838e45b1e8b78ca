#include "api/gemini/ChatToGemini.h"

#include <simdjson.h>

#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatAnswer.h"

namespace portico::api::gemini {

void appendTextPart(std::string& parts, std::string_view text, bool thought) {
    if (!parts.empty()) parts.push_back(',');
    parts.append("{\"text\":");
    core::appendJsonString(parts, text);
    parts.append(thought ? ",\"thought\":true}" : "}");
}

void appendFunctionCallPart(std::string& parts, std::string_view name, std::string_view arguments, std::string_view id) {
    const std::string args = pipeline::toolArgumentsObject(arguments);
    if (!parts.empty()) parts.push_back(',');
    parts.append("{\"functionCall\":{\"name\":");
    core::appendJsonString(parts, name);
    parts.append(",\"args\":").append(args);
    if (!id.empty()) {
        parts.append(",\"id\":");
        core::appendJsonString(parts, id);
    }
    parts.append("}}");
}

std::string_view finishReason(std::string_view openai_finish_reason) {
    if (openai_finish_reason == "length") return "MAX_TOKENS";
    if (openai_finish_reason == "content_filter") return "SAFETY";
    return "STOP";
}

std::string usageMetadata(const portico_usage& usage) {
    const uint64_t thoughts = usage.reasoning_tokens;
    const uint64_t candidates = usage.completion_tokens > thoughts ? usage.completion_tokens - thoughts : 0;
    std::string out = "{\"promptTokenCount\":" + std::to_string(usage.prompt_tokens) +
                      ",\"candidatesTokenCount\":" + std::to_string(candidates);
    if (thoughts) out += ",\"thoughtsTokenCount\":" + std::to_string(thoughts);
    if (usage.cached_tokens) out += ",\"cachedContentTokenCount\":" + std::to_string(usage.cached_tokens);
    out += ",\"totalTokenCount\":" + std::to_string(usage.prompt_tokens + usage.completion_tokens) + "}";
    return out;
}

std::string chatToGemini(std::string_view chat_completion, std::string_view model) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    const pipeline::ChatAnswer answer = pipeline::readChatAnswer(chat_completion, *parser);
    std::string parts;
    if (!answer.reasoning.empty()) appendTextPart(parts, answer.reasoning, true);
    if (!answer.content.empty()) appendTextPart(parts, answer.content, false);
    for (const auto& call : answer.tool_calls) appendFunctionCallPart(parts, call.name, call.arguments, call.id);
    std::string out = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]},\"finishReason\":\"";
    out.append(finishReason(answer.finish_reason)).append("\",\"index\":0}],\"usageMetadata\":").append(usageMetadata(answer.usage));
    out.append(",\"modelVersion\":");
    core::appendJsonString(out, model);
    if (!answer.id.empty()) {
        out.append(",\"responseId\":");
        core::appendJsonString(out, answer.id);
    }
    out.push_back('}');
    return out;
}

}  // namespace portico::api::gemini
