/*
 * portico/secrets.hpp — optional header-only C++ helper for plugin authors (C++17).
 * Not part of the ABI: plugin.h is the only contract. The one list of names that carry
 * credentials, shared by the host (which redacts events before observers see them) and the
 * bundled observers (which check again, so a new code path cannot put a key into a log).
 * Every comparison ignores ASCII case: header names and provider JSON keys vary in case.
 */
#ifndef PORTICO_SECRETS_HPP
#define PORTICO_SECRETS_HPP

#include <initializer_list>
#include <string>
#include <string_view>

namespace portico::sdk {

/// The value written in place of a secret.
inline constexpr std::string_view kRedacted = "[REDACTED]";

inline bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

inline bool isOneOfIgnoringCase(std::string_view name, std::initializer_list<std::string_view> names) {
    for (std::string_view candidate : names)
        if (equalsIgnoringAsciiCase(name, candidate)) return true;
    return false;
}

/// authorization, proxy-authorization, api-key (Azure), x-api-key (Anthropic), x-goog-api-key
/// (Gemini), cookie.
inline bool isSecretHeader(std::string_view name) {
    return isOneOfIgnoringCase(name, {"authorization", "proxy-authorization", "api-key", "x-api-key",
                                      "x-goog-api-key", "cookie"});
}

/// api_key, apiKey, authorization — and, since bodies sometimes echo headers, the header names.
inline bool isSecretJsonKey(std::string_view key) {
    return isOneOfIgnoringCase(key, {"api_key", "apikey", "authorization", "proxy-authorization", "api-key",
                                     "x-api-key", "x-goog-api-key"});
}

/// key, api_key, apikey, api-key: query parameters some providers (Gemini) take credentials in.
inline bool isSecretQueryParameter(std::string_view name) {
    return isOneOfIgnoringCase(name, {"key", "api_key", "apikey", "api-key"});
}

/// `url` with the value of every secret query parameter replaced by kRedacted.
inline std::string redactUrlQuery(std::string_view url) {
    const std::size_t query = url.find('?');
    if (query == std::string_view::npos) return std::string(url);
    const std::size_t fragment = url.find('#', query);
    const std::size_t query_end = fragment == std::string_view::npos ? url.size() : fragment;
    std::string redacted(url.substr(0, query + 1));
    for (std::size_t start = query + 1; start <= query_end;) {
        std::size_t end = url.find('&', start);
        if (end == std::string_view::npos || end > query_end) end = query_end;
        const std::string_view parameter = url.substr(start, end - start);
        const std::size_t equals = parameter.find('=');
        if (equals != std::string_view::npos && isSecretQueryParameter(parameter.substr(0, equals))) {
            redacted += parameter.substr(0, equals + 1);
            redacted += kRedacted;
        } else {
            redacted += parameter;
        }
        if (end < query_end) redacted += '&';
        start = end + 1;
    }
    redacted += url.substr(query_end);
    return redacted;
}

}  // namespace portico::sdk

#endif
