#include "api/anthropic/AnthropicErrors.h"

#include "core/Json.h"

namespace portico::api::anthropic {
namespace {

const char* errorType(int status) {
    switch (status) {
        case 401: return "authentication_error";
        case 402: return "billing_error";
        case 403: return "permission_error";
        case 404: return "not_found_error";
        case 408:
        case 504: return "timeout_error";
        case 409: return "conflict_error";
        case 413: return "request_too_large";
        case 429: return "rate_limit_error";
        case 503:
        case 529: return "overloaded_error";
        default: return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

}  // namespace

std::string errorBody(const core::GatewayError& error) {
    std::string out = "{\"type\":\"error\",\"error\":{\"type\":\"";
    out.append(errorType(error.status())).append("\",\"message\":");
    core::appendJsonString(out, error.what());
    out.append("}}");
    return out;
}

}  // namespace portico::api::anthropic
