#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "SigV4Signer.h"

namespace portico::bedrock {

/// Where LiteLLM looks when litellm_params set no region: botocore would ask its own config
/// chain; LiteLLM's last resort is us-west-2, and so is ours.
inline constexpr std::string_view kDefaultRegion = "us-west-2";

/// One deployment's AWS settings: litellm_params first (aws_access_key_id, aws_secret_access_key,
/// aws_session_token, aws_region_name, aws_bedrock_runtime_endpoint), then the environment as
/// LiteLLM reads it (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
/// AWS_REGION_NAME, AWS_REGION, AWS_BEARER_TOKEN_BEDROCK). Read once at create, on the control
/// thread, so request threads never touch the environment.
struct BedrockSettings {
    AwsCredentials credentials;  ///< both halves or neither; a key id without its secret is refused
    std::string region;
    std::string endpoint;      ///< aws_bedrock_runtime_endpoint; the call's api_base wins over it
    std::string bearer_token;  ///< AWS_BEARER_TOKEN_BEDROCK; the call's api_key wins over it
};

using Environment = std::function<std::optional<std::string>(const char* name)>;

/// The process environment (getenv), for the plugin; tests pass their own.
Environment processEnvironment();

/// Throws PluginError(PORTICO_ERR_INVALID) for a config that is not a JSON object or that names
/// an access key id without a secret (or the reverse); the message never contains a secret.
BedrockSettings readSettings(std::string_view config_json, const Environment& environment);

}  // namespace portico::bedrock
