#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::anthropic {

/// Where a call goes and how it authenticates: `<api_base or https://api.anthropic.com>` plus the
/// operation's path, `x-api-key`, and the `anthropic-version` / `anthropic-beta` the client sent
/// (an Anthropic SDK pins the version it was written against; a client of another protocol gets
/// the version every SDK hard-codes).
namespace target {

inline constexpr std::string_view kDefaultApiBase = "https://api.anthropic.com";
inline constexpr std::string_view kDefaultVersion = "2023-06-01";

using Headers = std::vector<std::pair<std::string, std::string>>;

/// POST /v1/messages for PORTICO_OP_CHAT, /v1/messages/count_tokens for PORTICO_OP_COUNT_TOKENS.
/// An api_base that already ends in /v1 (as LiteLLM configs often write it) is not doubled.
/// Throws PluginError(PORTICO_ERR_UNSUPPORTED) for any other operation.
std::string url(const portico_call& call);

/// x-api-key (when the deployment has a key), anthropic-version, anthropic-beta (when the
/// client sent one), content-type and accept.
Headers headers(const portico_call& call);

/// The value of a client header (lower-case `name`) the host passed on, when it has that field.
std::string_view clientHeader(const portico_call& call, std::string_view name);

}  // namespace target
}  // namespace portico::anthropic
