#include "observe/ExchangeRecord.h"

#include <Poco/String.h>

namespace portico::observe {

bool isCredentialHeader(std::string_view name) {
    static constexpr std::string_view kCredentialHeaders[] = {"authorization", "proxy-authorization", "api-key",
                                                              "x-api-key", "x-goog-api-key", "cookie"};
    for (std::string_view credential : kCredentialHeaders)
        if (name.size() == credential.size() &&
            Poco::icompare(std::string(name), std::string(credential)) == 0)
            return true;
    return false;
}

upstream::Headers redactHeaders(const upstream::Headers& headers) {
    upstream::Headers copy;
    copy.reserve(headers.size());
    for (const auto& [name, value] : headers)
        copy.emplace_back(name, isCredentialHeader(name) ? std::string("[REDACTED]") : value);
    return copy;
}

}  // namespace portico::observe
