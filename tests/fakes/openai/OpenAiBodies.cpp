#include "openai/OpenAiBodies.h"

#include "JsonText.h"

namespace portico::fakes::bodies {

namespace {

void appendUsage(std::string& out, TokenUsage usage) {
    out.append(R"({"prompt_tokens":)").append(std::to_string(usage.prompt_tokens));
    out.append(R"(,"completion_tokens":)").append(std::to_string(usage.completion_tokens));
    out.append(R"(,"total_tokens":)").append(std::to_string(usage.prompt_tokens + usage.completion_tokens));
    out.append(R"(,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0})");
    out.append(R"(,"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,)"
               R"("accepted_prediction_tokens":0,"rejected_prediction_tokens":0}})");
}

/// Everything up to and including `"choices":[`.
void appendChunkHead(std::string& out, const CompletionIdentity& identity) {
    out.append(R"({"id":)");
    appendJsonString(out, identity.id);
    out.append(R"(,"object":"chat.completion.chunk","created":)").append(std::to_string(identity.created));
    out.append(R"(,"model":)");
    appendJsonString(out, identity.model);
    out.append(R"(,"system_fingerprint":"fp_fake","choices":[)");
}

void appendChunkTail(std::string& out, bool usageNull) {
    out.append("]");
    if (usageNull) out.append(R"(,"usage":null)");
    out.append("}");
}

std::string choiceChunk(const CompletionIdentity& identity, std::string_view deltaJson,
                        std::string_view finishReasonJson, bool usageNull) {
    std::string out;
    out.reserve(256);
    appendChunkHead(out, identity);
    out.append(R"({"index":0,"delta":)").append(deltaJson);
    out.append(R"(,"logprobs":null,"finish_reason":)").append(finishReasonJson).append("}");
    appendChunkTail(out, usageNull);
    return out;
}

struct ErrorKind {
    std::string_view type;
    std::string_view code;  // empty = null
};

ErrorKind errorKindFor(int status) {
    switch (status) {
    case 400: return {"invalid_request_error", ""};
    case 401: return {"invalid_request_error", "invalid_api_key"};
    case 403: return {"request_forbidden", "unsupported_country_region_territory"};
    case 404: return {"invalid_request_error", "model_not_found"};
    case 429: return {"rate_limit_error", "rate_limit_exceeded"};
    case 503: return {"service_unavailable_error", "server_is_overloaded"};
    default: return {status >= 500 ? "server_error" : "invalid_request_error", ""};
    }
}

}  // namespace

std::string chatCompletion(const CompletionIdentity& identity, std::string_view content, TokenUsage usage) {
    std::string out;
    out.reserve(640);
    out.append(R"({"id":)");
    appendJsonString(out, identity.id);
    out.append(R"(,"object":"chat.completion","created":)").append(std::to_string(identity.created));
    out.append(R"(,"model":)");
    appendJsonString(out, identity.model);
    out.append(R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)");
    appendJsonString(out, content);
    out.append(R"(,"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":)");
    appendUsage(out, usage);
    out.append(R"(,"service_tier":"default","system_fingerprint":"fp_fake"})");
    return out;
}

std::string textCompletion(const CompletionIdentity& identity, std::string_view text, TokenUsage usage) {
    std::string out = R"({"id":)";
    appendJsonString(out, identity.id);
    out.append(R"(,"object":"text_completion","created":)").append(std::to_string(identity.created));
    out.append(R"(,"model":)");
    appendJsonString(out, identity.model);
    out.append(R"(,"choices":[{"text":)");
    appendJsonString(out, text);
    out.append(R"(,"index":0,"logprobs":null,"finish_reason":"stop"}],"usage":)");
    appendUsage(out, usage);
    out.append("}");
    return out;
}

std::string embeddingList(std::string_view model, int inputs, int dimensions, int prompt_tokens) {
    std::string out = R"({"object":"list","data":[)";
    for (int i = 0; i < inputs; ++i) {
        if (i) out.append(",");
        out.append(R"({"object":"embedding","index":)").append(std::to_string(i)).append(R"(,"embedding":[)");
        for (int d = 0; d < dimensions; ++d) out.append(d ? ",0.0" : "0.0").append(std::to_string(i + d));
        out.append("]}");
    }
    out.append(R"(],"model":)");
    appendJsonString(out, model);
    out.append(R"(,"usage":{"prompt_tokens":)").append(std::to_string(prompt_tokens));
    out.append(R"(,"total_tokens":)").append(std::to_string(prompt_tokens)).append("}}");
    return out;
}

std::string roleChunk(const CompletionIdentity& identity, bool usageNull) {
    return choiceChunk(identity, R"({"role":"assistant","content":"","refusal":null})", "null", usageNull);
}

std::string contentChunk(const CompletionIdentity& identity, std::string_view content, bool usageNull) {
    std::string delta = R"({"content":)";
    appendJsonString(delta, content);
    delta.append("}");
    return choiceChunk(identity, delta, "null", usageNull);
}

std::string finishChunk(const CompletionIdentity& identity, bool usageNull) {
    return choiceChunk(identity, "{}", R"("stop")", usageNull);
}

std::string usageChunk(const CompletionIdentity& identity, TokenUsage usage) {
    std::string out;
    out.reserve(384);
    appendChunkHead(out, identity);
    out.append(R"(],"usage":)");
    appendUsage(out, usage);
    out.append("}");
    return out;
}

std::string error(std::string_view message, std::string_view type, std::string_view code) {
    std::string out = R"({"error":{"message":)";
    appendJsonString(out, message);
    out.append(R"(,"type":)");
    appendJsonString(out, type);
    out.append(R"(,"param":null,"code":)");
    if (code.empty()) {
        out.append("null");
    } else {
        appendJsonString(out, code);
    }
    out.append("}}");
    return out;
}

std::string errorForStatus(int status) {
    const ErrorKind kind = errorKindFor(status);
    return error("fake upstream error " + std::to_string(status), kind.type, kind.code);
}

std::string modelList(std::int64_t created) {
    std::string out = R"({"object":"list","data":[)";
    const char* const ids[] = {"gpt-4o-mini", "gpt-4o", "o3-mini"};
    bool first = true;
    for (const char* id : ids) {
        if (!first) out.append(",");
        first = false;
        out.append(R"({"id":)");
        appendJsonString(out, id);
        out.append(R"(,"object":"model","created":)").append(std::to_string(created));
        out.append(R"(,"owned_by":"system"})");
    }
    out.append("]}");
    return out;
}

}  // namespace portico::fakes::bodies
