#include "SecretNames.h"

#include <array>

namespace portico::observers::jsonl {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

template <size_t N>
bool isOneOf(std::string_view name, const std::array<std::string_view, N>& names) {
    for (std::string_view candidate : names) {
        if (equalsIgnoringCase(name, candidate)) return true;
    }
    return false;
}

constexpr std::array<std::string_view, 5> kSecretHeaders = {"authorization", "proxy-authorization", "api-key",
                                                            "x-api-key", "x-goog-api-key"};

constexpr std::array<std::string_view, 7> kSecretJsonKeys = {
    "api_key", "apikey", "authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key"};

constexpr std::array<std::string_view, 4> kSecretQueryParameters = {"key", "api_key", "apikey", "api-key"};

}  // namespace

bool SecretNames::isSecretHeader(std::string_view name) { return isOneOf(name, kSecretHeaders); }

bool SecretNames::isSecretJsonKey(std::string_view key) { return isOneOf(key, kSecretJsonKeys); }

bool SecretNames::isSecretQueryParameter(std::string_view name) { return isOneOf(name, kSecretQueryParameters); }

}  // namespace portico::observers::jsonl
