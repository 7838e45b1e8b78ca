#pragma once

#include <string_view>

namespace portico::observers::jsonl {

/// Names that carry credentials. The host redacts events before they reach observers; these
/// checks are a second line so a host bug or a new code path cannot put a key into a log file.
/// All comparisons ignore ASCII case, as HTTP header names and provider JSON keys vary in case.
struct SecretNames {
    /// The value written in place of a secret.
    static constexpr std::string_view kRedacted = "[REDACTED]";

    /// authorization, proxy-authorization, api-key, x-api-key, x-goog-api-key.
    static bool isSecretHeader(std::string_view name);
    /// api_key, apiKey, authorization — and, since bodies sometimes echo headers, the header names.
    static bool isSecretJsonKey(std::string_view key);
    /// key, api_key, apikey, api-key: query parameters some providers accept credentials in.
    static bool isSecretQueryParameter(std::string_view name);
};

}  // namespace portico::observers::jsonl
