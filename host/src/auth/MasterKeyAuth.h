#pragma once
#include <Poco/Net/HTTPRequest.h>

#include <string>
#include <string_view>

namespace portico::auth {

/// The key from `Authorization: Bearer <key>` (or `x-api-key`, as Anthropic clients send);
/// empty if absent.
std::string_view presentedKey(const Poco::Net::HTTPRequest& request);

/// Compares in time independent of where the keys differ.
bool keysEqual(std::string_view presented, std::string_view expected);

/// Throws GatewayError 401 unless the request presents the master key.
void requireMasterKey(const Poco::Net::HTTPRequest& request, const std::string& master_key);

}  // namespace portico::auth
