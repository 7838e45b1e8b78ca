#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace portico::gemini {

/// Google's RPC error body: {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED",
/// "details":[{"reason":"API_KEY_INVALID",...}]}}.
struct GeminiErrorBody {
    int32_t code = 0;
    std::string message;
    std::string status;  ///< RESOURCE_EXHAUSTED, INVALID_ARGUMENT, ...
    std::string reason;  ///< the first details[].reason, if any
};

/// The error object of a parsed document, if it has a top-level "error" object.
std::optional<GeminiErrorBody> readGeminiError(simdjson::dom::element document);

/// Throws the PluginError (plugin_common::upstreamError) for an upstream error answer: Gemini's
/// message and status string when the body is its error JSON, a generic message for anything
/// else (an HTML page from a proxy). Like LiteLLM, an invalid API key, which Gemini reports as
/// 400 INVALID_ARGUMENT, becomes 401: it is an authentication failure, not a bad request.
[[noreturn]] void throwUpstreamError(int32_t http_status, std::string_view body, const portico_header* headers,
                                     size_t header_count);

/// The same for an error object that arrived inside a 200 stream: its own code, else 502.
[[noreturn]] void throwStreamError(const GeminiErrorBody& error);

}  // namespace portico::gemini
