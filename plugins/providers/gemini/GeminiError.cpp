#include "GeminiError.h"

#include "common/UpstreamError.h"

namespace portico::gemini {
namespace {

bool isInvalidKey(const GeminiErrorBody& error) {
    return error.reason == "API_KEY_INVALID" || error.message.find("API key not valid") != std::string::npos;
}

}  // namespace

std::optional<GeminiErrorBody> readGeminiError(simdjson::dom::element document) {
    simdjson::dom::object error;
    if (document["error"].get_object().get(error) != simdjson::SUCCESS) return std::nullopt;
    GeminiErrorBody body;
    int64_t code = 0;
    if (error["code"].get_int64().get(code) == simdjson::SUCCESS && code > 0 && code < 1000) body.code = static_cast<int32_t>(code);
    std::string_view text;
    if (error["message"].get_string().get(text) == simdjson::SUCCESS) body.message = std::string(text);
    if (error["status"].get_string().get(text) == simdjson::SUCCESS) body.status = std::string(text);
    simdjson::dom::array details;
    if (error["details"].get_array().get(details) == simdjson::SUCCESS) {
        for (simdjson::dom::element detail : details) {
            if (detail["reason"].get_string().get(text) == simdjson::SUCCESS) {
                body.reason = std::string(text);
                break;
            }
        }
    }
    if (body.message.empty()) body.message = "gemini reported an error without a message";
    return body;
}

void throwUpstreamError(int32_t http_status, std::string_view body, const portico_header* headers, size_t header_count) {
    std::optional<GeminiErrorBody> error;
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    if (parser.parse(body.data(), body.size()).get(document) == simdjson::SUCCESS) error = readGeminiError(document);
    if (!error) {
        // Not Google's error JSON (an HTML page from a proxy or load balancer): the status says enough.
        throw plugin_common::upstreamError(http_status, "gemini upstream returned HTTP " + std::to_string(http_status), "",
                                           headers, header_count);
    }
    const int32_t status = http_status == 400 && isInvalidKey(*error) ? 401 : http_status;
    throw plugin_common::upstreamError(status, error->message, error->status, headers, header_count);
}

void throwStreamError(const GeminiErrorBody& error) {
    const int32_t status = error.code >= 400 ? error.code : 502;
    throw plugin_common::upstreamError(status, error.message, error.status, nullptr, 0);
}

}  // namespace portico::gemini
