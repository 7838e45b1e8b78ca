#include "auth/MasterKeyAuth.h"

#include <Poco/URI.h>

#include "core/GatewayError.h"

namespace portico::auth {

std::string_view presentedKey(const Poco::Net::HTTPRequest& request) {
    const auto authorization = request.find("Authorization");
    if (authorization != request.end()) {
        std::string_view value = authorization->second;
        constexpr std::string_view kBearer = "Bearer ";
        if (value.size() > kBearer.size() && value.substr(0, kBearer.size()) == kBearer) return value.substr(kBearer.size());
        return {};
    }
    for (const char* header : {"x-api-key", "x-goog-api-key"}) {
        const auto found = request.find(header);
        if (found != request.end()) return found->second;
    }
    return {};
}

std::string queryKey(const Poco::Net::HTTPRequest& request) {
    try {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
            if (name == "key") return value;
    } catch (const Poco::Exception&) {
        // A target Poco cannot parse carries no usable key: the request is then unauthenticated.
    }
    return {};
}

bool keysEqual(std::string_view presented, std::string_view expected) {
    if (expected.empty()) return false;
    unsigned char diff = presented.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < presented.size(); ++i)
        diff |= static_cast<unsigned char>(presented[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

void requireMasterKey(const Poco::Net::HTTPRequest& request, const std::string& master_key) {
    requireMasterKey(presentedKey(request), master_key);
}

void requireMasterKey(std::string_view key, const std::string& master_key) {
    if (key.empty())
        throw core::GatewayError::unauthorized(
            "Missing API key. Pass it as 'Authorization: Bearer <key>'.");
    if (!keysEqual(key, master_key)) throw core::GatewayError::unauthorized("Invalid API key.");
}

}  // namespace portico::auth
