#include "plugins/PluginFailure.h"

#include "plugins/AbiAdapters.h"

namespace portico::plugins {

std::string errorTypeForStatus(int status) {
    if (status == 401) return "authentication_error";
    if (status == 403) return "permission_error";
    if (status == 404) return "invalid_request_error";
    if (status == 429) return "rate_limit_error";
    if (status == 504) return "timeout_error";
    if (status >= 500) return "api_error";
    return "invalid_request_error";
}

namespace {

/// The OpenAI error code clients and routers branch on (LiteLLM's fallbacks read these two).
std::string codeForClass(int error_class) {
    switch (error_class) {
        case PORTICO_ERROR_CLASS_CONTEXT_WINDOW: return "context_length_exceeded";
        case PORTICO_ERROR_CLASS_CONTENT_POLICY: return "content_policy_violation";
        case PORTICO_ERROR_CLASS_RATE_LIMITED: return "rate_limit_exceeded";
        default: return {};
    }
}

}  // namespace

core::GatewayError pluginFailure(const std::string& plugin, portico_status status, const ErrorBuffer& error) {
    std::string message = error.message();
    switch (status) {
        case PORTICO_ERR_INVALID:
        case PORTICO_ERR_UNSUPPORTED:
            if (message.empty()) message = "request not supported by provider '" + plugin + "'";
            return core::GatewayError::badRequest(message);
        case PORTICO_ERR_UPSTREAM: {
            const int http = error.httpStatus() >= 400 && error.httpStatus() <= 599 ? error.httpStatus() : 502;
            if (message.empty()) message = "upstream returned HTTP " + std::to_string(http);
            core::GatewayError failure(http, errorTypeForStatus(http), codeForClass(error.errorClass()), message);
            // Rounded up: a client that retries a little late succeeds, one that retries early does not.
            if (error.retryAfterMs() > 0) failure.withRetryAfter((error.retryAfterMs() + 999) / 1000);
            return failure;
        }
        case PORTICO_ERR_RETRY:
            return {503, "api_error", {}, message.empty() ? "provider '" + plugin + "' is temporarily unavailable" : message};
        default:
            return core::GatewayError::internal("plugin '" + plugin + "' failed (status " + std::to_string(status) + ")" +
                                                (message.empty() ? "" : ": " + message));
    }
}

}  // namespace portico::plugins
