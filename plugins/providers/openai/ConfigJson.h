#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace portico::openai {

/// One optional string setting of a deployment's config object (litellm_params minus api_key):
/// nullopt when the key is absent or null. Throws PluginError(PORTICO_ERR_INVALID) naming
/// `plugin` when the config is not a JSON object or the value is not a string, so a mistyped
/// setting refuses the deployment instead of being ignored.
std::optional<std::string> configString(std::string_view config_json, std::string_view key, std::string_view plugin);

}  // namespace portico::openai
