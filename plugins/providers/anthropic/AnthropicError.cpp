#include "AnthropicError.h"

#include <simdjson.h>

#include "common/UpstreamError.h"

namespace portico::anthropic {

using plugin_common::PluginError;
using plugin_common::upstreamError;

namespace {
constexpr int32_t kBrokenStreamStatus = 502;
}

int32_t statusOfErrorType(std::string_view error_type) {
    if (error_type == "invalid_request_error") return 400;
    if (error_type == "authentication_error") return 401;
    if (error_type == "billing_error") return 402;
    if (error_type == "permission_error") return 403;
    if (error_type == "not_found_error") return 404;
    if (error_type == "request_too_large") return 413;
    if (error_type == "rate_limit_error") return 429;
    if (error_type == "api_error") return 500;
    if (error_type == "timeout_error") return 504;
    if (error_type == "overloaded_error") return 529;
    return 0;
}

PluginError responseError(int32_t http_status, std::string_view body, const portico_header* headers,
                          size_t header_count) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    std::string_view type;
    std::string_view message;
    if (parser.parse(body.data(), body.size()).get(root) == simdjson::SUCCESS &&
        root.at_pointer("/error/message").get(message) == simdjson::SUCCESS) {
        // The type is optional: the status alone classifies.
        if (root.at_pointer("/error/type").get(type) != simdjson::SUCCESS) type = {};
        return upstreamError(http_status, std::string(message), type, headers, header_count);
    }
    return upstreamError(http_status,
                         "anthropic: upstream returned HTTP " + std::to_string(http_status) +
                             " without an Anthropic error body",
                         {}, headers, header_count);
}

PluginError streamError(std::string_view error_type, const std::string& message) {
    const int32_t status = statusOfErrorType(error_type);
    return upstreamError(status >= 500 || status == 429 ? status : kBrokenStreamStatus, message, error_type, nullptr, 0);
}

PluginError brokenStream(const std::string& message) {
    return upstreamError(kBrokenStreamStatus, message, {}, nullptr, 0);
}

}  // namespace portico::anthropic
