#pragma once
#include <portico/plugin.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <string_view>

#include "common/PluginError.h"

namespace portico::plugin_common {

/// How every provider turns an upstream's error answer into a PluginError: the status is kept,
/// the class (ABI 1.1) says what the client protocol's error type and code become and what
/// routing may do about it (retry, cool down, fall back to a larger context window), and a
/// Retry-After is passed on. One place, so that all providers classify alike.

namespace detail {
inline bool containsFolded(std::string_view text, std::string_view lower_needle) {
    auto it = std::search(text.begin(), text.end(), lower_needle.begin(), lower_needle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != text.end();
}
}  // namespace detail

/// The class of an upstream error from its status and its own message/code/type words. A 400 is
/// a context-window error when the upstream says so in any of the ways providers phrase it.
inline int32_t classifyUpstreamError(int32_t http_status, std::string_view message, std::string_view code = {}) {
    using detail::containsFolded;
    const auto says = [&](std::string_view needle) { return containsFolded(message, needle) || containsFolded(code, needle); };
    if (http_status == 400 || http_status == 413 || http_status == 422) {
        if (says("context_length_exceeded") || says("context length") || says("context window") ||
            says("maximum context") || says("prompt is too long") || says("too many tokens") ||
            says("input is too long") || says("exceeds the maximum number of tokens") || says("input token count"))
            return PORTICO_ERROR_CLASS_CONTEXT_WINDOW;
        if (says("content_policy") || says("content management policy") || says("content_filter"))
            return PORTICO_ERROR_CLASS_CONTENT_POLICY;
        return PORTICO_ERROR_CLASS_INVALID_REQUEST;
    }
    switch (http_status) {
        case 401: return PORTICO_ERROR_CLASS_AUTHENTICATION;
        case 403: return PORTICO_ERROR_CLASS_PERMISSION;
        case 404: return PORTICO_ERROR_CLASS_NOT_FOUND;
        case 429: return PORTICO_ERROR_CLASS_RATE_LIMITED;
        case 503:
        case 529: return PORTICO_ERROR_CLASS_OVERLOADED;
        default: break;
    }
    if (http_status >= 500) return PORTICO_ERROR_CLASS_SERVER;
    if (http_status >= 400) return PORTICO_ERROR_CLASS_INVALID_REQUEST;
    return PORTICO_ERROR_CLASS_UNSPECIFIED;
}

/// Retry-After in milliseconds from the response headers: `retry-after-ms` (OpenAI, Anthropic)
/// first, else `Retry-After` in whole seconds. An HTTP-date or garbage counts as none (0).
inline uint32_t retryAfterMs(const portico_header* headers, size_t count) {
    const auto named = [](portico_str name, std::string_view want) {
        if (name.len != want.size() || !name.ptr) return false;
        for (size_t i = 0; i < want.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(name.ptr[i])) != want[i]) return false;
        return true;
    };
    const auto number = [](portico_str value) -> uint64_t {
        uint64_t n = 0;
        if (!value.ptr) return 0;
        const char* end = value.ptr + value.len;
        const auto [ptr, ec] = std::from_chars(value.ptr, end, n);
        return ec == std::errc() && (ptr == end || *ptr == '.') ? n : 0;
    };
    uint64_t seconds_ms = 0;
    for (size_t i = 0; headers && i < count; ++i) {
        if (named(headers[i].name, "retry-after-ms")) {
            if (const uint64_t ms = number(headers[i].value); ms > 0) return static_cast<uint32_t>(std::min<uint64_t>(ms, UINT32_MAX));
        } else if (named(headers[i].name, "retry-after")) {
            seconds_ms = std::min<uint64_t>(number(headers[i].value), UINT32_MAX / 1000) * 1000;
        }
    }
    return static_cast<uint32_t>(seconds_ms);
}

/// The PluginError for an upstream's error answer (PORTICO_ERR_UPSTREAM with its status).
inline PluginError upstreamError(int32_t http_status, const std::string& message, std::string_view code,
                                 const portico_header* headers, size_t header_count) {
    return PluginError(PORTICO_ERR_UPSTREAM, http_status, message, classifyUpstreamError(http_status, message, code),
                       retryAfterMs(headers, header_count));
}

}  // namespace portico::plugin_common
