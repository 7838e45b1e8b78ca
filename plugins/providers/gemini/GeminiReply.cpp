#include "GeminiReply.h"

#include <array>

#include "JsonOut.h"

namespace portico::gemini {
namespace {

using simdjson::dom::element;

uint64_t count(element object, std::string_view key) {
    uint64_t n = 0;
    return object[key].get_uint64().get(n) == simdjson::SUCCESS ? n : 0;
}

GeminiCandidate readCandidate(element candidate, uint64_t position) {
    GeminiCandidate out;
    uint64_t index = 0;
    out.index = candidate["index"].get_uint64().get(index) == simdjson::SUCCESS ? index : position;
    std::string_view text;
    if (candidate["finishReason"].get_string().get(text) == simdjson::SUCCESS) out.finish_reason = std::string(text);
    simdjson::dom::array parts;
    if (candidate["content"]["parts"].get_array().get(parts) != simdjson::SUCCESS) return out;
    for (element part : parts) {
        element call;
        if (part["text"].get_string().get(text) == simdjson::SUCCESS) {
            bool thought = false;
            if (part["thought"].get_bool().get(thought) != simdjson::SUCCESS) thought = false;
            (thought ? out.reasoning : out.text).append(text);
        } else if (part["functionCall"].get(call) == simdjson::SUCCESS) {
            GeminiFunctionCall function;
            if (call["name"].get_string().get(text) == simdjson::SUCCESS) function.name = std::string(text);
            element args;
            function.arguments = call["args"].get(args) == simdjson::SUCCESS ? elementText(args) : "{}";
            out.calls.push_back(std::move(function));
        }
    }
    return out;
}

}  // namespace

bool GeminiReply::finished() const {
    if (!block_reason.empty()) return true;
    for (const GeminiCandidate& candidate : candidates)
        if (!candidate.finish_reason.empty()) return true;
    return false;
}

GeminiReply GeminiReply::parse(simdjson::dom::parser& parser, std::string_view json) {
    GeminiReply reply;
    element document = parser.parse(json.data(), json.size());
    if (!document.is_object()) throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
    reply.error = readGeminiError(document);
    if (reply.error) return reply;
    simdjson::dom::array candidates;
    if (document["candidates"].get_array().get(candidates) == simdjson::SUCCESS) {
        uint64_t position = 0;
        for (element candidate : candidates) reply.candidates.push_back(readCandidate(candidate, position++));
    }
    element usage;
    if (document["usageMetadata"].get(usage) == simdjson::SUCCESS && usage.is_object()) {
        reply.has_usage = true;
        reply.usage = usageFrom(usage);
    }
    std::string_view text;
    if (document["promptFeedback"]["blockReason"].get_string().get(text) == simdjson::SUCCESS)
        reply.block_reason = std::string(text);
    if (document["responseId"].get_string().get(text) == simdjson::SUCCESS) reply.response_id = std::string(text);
    return reply;
}

portico_usage usageFrom(element usage_metadata) {
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    const uint64_t thoughts = count(usage_metadata, "thoughtsTokenCount");
    usage.prompt_tokens = count(usage_metadata, "promptTokenCount");
    usage.completion_tokens = count(usage_metadata, "candidatesTokenCount") + thoughts;
    usage.total_tokens = count(usage_metadata, "totalTokenCount");
    if (usage.total_tokens == 0) usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    usage.cached_tokens = count(usage_metadata, "cachedContentTokenCount");
    usage.reasoning_tokens = thoughts;
    return usage;
}

std::string_view openAiFinishReason(std::string_view gemini_reason, bool has_tool_calls) {
    static constexpr std::array<std::string_view, 7> kFiltered = {"SAFETY",      "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
                                                                  "SPII",        "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT"};
    if (gemini_reason == "MAX_TOKENS") return "length";
    for (std::string_view filtered : kFiltered)
        if (gemini_reason == filtered) return "content_filter";
    return has_tool_calls ? "tool_calls" : "stop";
}

}  // namespace portico::gemini
