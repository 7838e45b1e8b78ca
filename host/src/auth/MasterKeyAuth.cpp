#include "auth/MasterKeyAuth.h"

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
    const auto api_key = request.find("x-api-key");
    return api_key == request.end() ? std::string_view() : std::string_view(api_key->second);
}

bool keysEqual(std::string_view presented, std::string_view expected) {
    if (expected.empty()) return false;
    unsigned char diff = presented.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < presented.size(); ++i)
        diff |= static_cast<unsigned char>(presented[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

void requireMasterKey(const Poco::Net::HTTPRequest& request, const std::string& master_key) {
    const std::string_view key = presentedKey(request);
    if (key.empty())
        throw core::GatewayError::unauthorized(
            "Missing API key. Pass it as 'Authorization: Bearer <key>'.");
    if (!keysEqual(key, master_key)) throw core::GatewayError::unauthorized("Invalid API key.");
}

}  // namespace portico::auth
