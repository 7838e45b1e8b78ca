#include "api/openai/OpenAiStreamEncoder.h"

#include <ctime>

#include "core/Json.h"
#include "http/ErrorResponder.h"

namespace portico::api::openai {

std::string usageJson(const portico_usage& usage) {
    std::string out = "{\"prompt_tokens\":" + std::to_string(usage.prompt_tokens) +
                      ",\"completion_tokens\":" + std::to_string(usage.completion_tokens) +
                      ",\"total_tokens\":" +
                      std::to_string(usage.total_tokens ? usage.total_tokens : usage.prompt_tokens + usage.completion_tokens);
    if (usage.cached_tokens) out += ",\"prompt_tokens_details\":{\"cached_tokens\":" + std::to_string(usage.cached_tokens) + "}";
    if (usage.reasoning_tokens)
        out += ",\"completion_tokens_details\":{\"reasoning_tokens\":" + std::to_string(usage.reasoning_tokens) + "}";
    out += "}";
    return out;
}

void OpenAiStreamEncoder::chunk(std::string_view data, std::string_view framed, http::SseWriter& out) {
    // Only looked for while it matters; providers write compact JSON.
    if (include_usage_ && !usage_sent_) {
        if (data.find("\"usage\":{") != std::string_view::npos) usage_sent_ = true;
        constexpr std::string_view kId = "\"id\":\"";
        if (const std::size_t at = id_.empty() ? data.find(kId) : std::string_view::npos; at != std::string_view::npos) {
            const std::size_t start = at + kId.size();
            const std::size_t end = data.find('"', start);
            if (end != std::string_view::npos) id_ = std::string(data.substr(start, end - start));
        }
    }
    if (framed.empty()) out.event(data);
    else out.raw(framed);
}

void OpenAiStreamEncoder::finish(const portico_usage* usage, http::SseWriter& out) {
    if (include_usage_ && !usage_sent_ && usage) {
        std::string chunk = "{\"id\":";
        core::appendJsonString(chunk, id_.empty() ? "chatcmpl-portico" : id_);
        chunk += ",\"object\":";
        core::appendJsonString(chunk, object_);
        chunk += ",\"created\":" + std::to_string(std::time(nullptr)) + ",\"model\":";
        core::appendJsonString(chunk, model_);
        chunk += ",\"choices\":[],\"usage\":" + usageJson(*usage) + "}";
        out.event(chunk);
    }
    out.event("[DONE]");
}

void OpenAiStreamEncoder::fail(const core::GatewayError& error, http::SseWriter& out) {
    out.event(http::ErrorResponder::body(error));
}

}  // namespace portico::api::openai
