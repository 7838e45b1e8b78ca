#include "gemini/GeminiBodies.h"

#include "JsonText.h"

namespace portico::fakes::gemini::bodies {
namespace {

void appendValues(std::string& out, int dimensions, int seed) {
    out.append(R"({"values":[)");
    for (int i = 0; i < dimensions; ++i) {
        if (i) out.append(",");
        out.append(std::to_string(static_cast<double>((seed * 31 + i * 7) % 100) / 100.0 - 0.5));
    }
    out.append("]}");
}

}  // namespace

std::string_view statusName(int code) {
    switch (code) {
    case 400: return "INVALID_ARGUMENT";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 429: return "RESOURCE_EXHAUSTED";
    case 500: return "INTERNAL";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: return code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    }
}

std::string error(int code, std::string_view message, std::string_view status, std::string_view reason) {
    std::string out = R"({"error":{"code":)" + std::to_string(code) + R"(,"message":)";
    appendJsonString(out, message);
    out.append(R"(,"status":)");
    appendJsonString(out, status);
    if (!reason.empty()) {
        out.append(R"(,"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":)");
        appendJsonString(out, reason);
        out.append(R"(,"domain":"googleapis.com"}])");
    }
    out.append("}}");
    return out;
}

std::string textPart(std::string_view text) {
    std::string out = R"({"text":)";
    appendJsonString(out, text);
    return out + "}";
}

std::string functionCallPart(std::string_view name) {
    std::string out = R"({"functionCall":{"name":)";
    appendJsonString(out, name);
    return out + R"(,"args":{"city":"Oslo"}}})";
}

std::string response(std::string_view part_json, std::string_view finish_reason, int prompt_tokens, int output_tokens,
                     bool with_usage) {
    std::string out = R"({"candidates":[{"content":{"role":"model")";
    if (!part_json.empty()) out.append(R"(,"parts":[)").append(part_json).append("]");
    out.append("}");
    if (!finish_reason.empty()) {
        out.append(R"(,"finishReason":)");
        appendJsonString(out, finish_reason);
    }
    out.append(R"(,"index":0}])");
    if (with_usage) {
        out.append(R"(,"usageMetadata":{"promptTokenCount":)").append(std::to_string(prompt_tokens));
        out.append(R"(,"candidatesTokenCount":)").append(std::to_string(output_tokens));
        out.append(R"(,"totalTokenCount":)").append(std::to_string(prompt_tokens + output_tokens)).append("}");
    }
    out.append(R"(,"modelVersion":"gemini-2.5-flash","responseId":"fakegemini"})");
    return out;
}

std::string blockedPrompt(int prompt_tokens) {
    return R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":)" +
           std::to_string(prompt_tokens) + R"(,"totalTokenCount":)" + std::to_string(prompt_tokens) +
           R"(},"modelVersion":"gemini-2.5-flash"})";
}

std::string embedding(int dimensions, int seed) {
    std::string out = R"({"embedding":)";
    appendValues(out, dimensions, seed);
    return out + "}";
}

std::string batchEmbeddings(int count, int dimensions) {
    std::string out = R"({"embeddings":[)";
    for (int i = 0; i < count; ++i) {
        if (i) out.append(",");
        appendValues(out, dimensions, i);
    }
    return out + "]}";
}

}  // namespace portico::fakes::gemini::bodies
