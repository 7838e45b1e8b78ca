#pragma once
#include <Poco/Net/HTTPRequest.h>

#include <string>
#include <string_view>

namespace portico::auth {

/// The key from `Authorization: Bearer <key>`, else `x-api-key` (Anthropic clients) or
/// `x-goog-api-key` (Gemini clients); empty if absent.
std::string_view presentedKey(const Poco::Net::HTTPRequest& request);

/// The `key` query parameter (how Gemini clients may pass their key); empty if absent.
std::string queryKey(const Poco::Net::HTTPRequest& request);

/// Compares in time independent of where the keys differ.
bool keysEqual(std::string_view presented, std::string_view expected);

/// Throws GatewayError 401 unless the request presents the master key.
void requireMasterKey(const Poco::Net::HTTPRequest& request, const std::string& master_key);
/// Throws GatewayError 401 unless `presented` is the master key.
void requireMasterKey(std::string_view presented, const std::string& master_key);

}  // namespace portico::auth
