#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

#include "common/PluginError.h"

namespace portico::anthropic {

/// Anthropic's error answers, {"type":"error","error":{"type","message"}}, as the PluginError
/// every provider makes of an upstream error (plugin_common::upstreamError: status, class and
/// Retry-After alike for all providers).

/// For a non-2xx answer. A body that is not Anthropic's error object (an HTML page from a proxy,
/// a load balancer's plain text) keeps the status with a message saying what arrived.
plugin_common::PluginError responseError(int32_t http_status, std::string_view body, const portico_header* headers,
                                         size_t header_count);

/// For an `error` event inside a 200 stream, which has no status of its own: the one Anthropic
/// answers that error type with (overloaded_error 529, rate_limit_error 429, api_error 500, ...),
/// 502 for a type it does not list.
plugin_common::PluginError streamError(std::string_view error_type, const std::string& message);

/// The HTTP status Anthropic documents for an error type; 0 for an unknown type.
int32_t statusOfErrorType(std::string_view error_type);

/// A stream ended, or carried something unreadable: the upstream failed after its 200 (502).
plugin_common::PluginError brokenStream(const std::string& message);

}  // namespace portico::anthropic
