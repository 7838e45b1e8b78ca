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
            return {http, errorTypeForStatus(http), {}, message};
        }
        case PORTICO_ERR_RETRY:
            return {503, "api_error", {}, message.empty() ? "provider '" + plugin + "' is temporarily unavailable" : message};
        default:
            return core::GatewayError::internal("plugin '" + plugin + "' failed (status " + std::to_string(status) + ")" +
                                                (message.empty() ? "" : ": " + message));
    }
}

}  // namespace portico::plugins
