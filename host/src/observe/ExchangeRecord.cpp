#include "observe/ExchangeRecord.h"

#include <portico/secrets.hpp>

namespace portico::observe {

upstream::Headers redactHeaders(const upstream::Headers& headers) {
    upstream::Headers copy;
    copy.reserve(headers.size());
    for (const auto& [name, value] : headers)
        copy.emplace_back(name, sdk::isSecretHeader(name) ? std::string(sdk::kRedacted) : value);
    return copy;
}

}  // namespace portico::observe
