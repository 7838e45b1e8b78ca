#include "api/gemini/GeminiErrors.h"

#include "core/Json.h"

namespace portico::api::gemini {
namespace {

const char* statusName(int status) {
    switch (status) {
        case 401: return "UNAUTHENTICATED";
        case 403: return "PERMISSION_DENIED";
        case 404: return "NOT_FOUND";
        case 408:
        case 504: return "DEADLINE_EXCEEDED";
        case 409: return "ABORTED";
        case 413: return "INVALID_ARGUMENT";
        case 429: return "RESOURCE_EXHAUSTED";
        case 501: return "UNIMPLEMENTED";
        case 503:
        case 529: return "UNAVAILABLE";
        default: return status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    }
}

}  // namespace

std::string errorBody(const core::GatewayError& error) {
    std::string out = "{\"error\":{\"code\":" + std::to_string(error.status()) + ",\"message\":";
    core::appendJsonString(out, error.what());
    out.append(",\"status\":\"").append(statusName(error.status())).append("\"}}");
    return out;
}

}  // namespace portico::api::gemini
