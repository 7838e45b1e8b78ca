#include "BedrockSettings.h"

#include <simdjson.h>

#include <cstdlib>

#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

/// A parameter as text: LiteLLM configs write these as strings, but YAML may have made a region
/// like "1" a number; null and absent both mean "not set".
std::string param(simdjson::dom::object params, std::string_view key) {
    simdjson::dom::element value;
    if (params[key].get(value) != simdjson::SUCCESS || value.is_null()) return {};
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
    return simdjson::minify(value);
}

std::string firstOf(const Environment& environment, std::initializer_list<const char*> names) {
    for (const char* name : names)
        if (auto value = environment(name); value && !value->empty()) return *value;
    return {};
}

}  // namespace

Environment processEnvironment() {
    return [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

BedrockSettings readSettings(std::string_view config_json, const Environment& environment) {
    simdjson::dom::parser parser;
    simdjson::dom::object params;
    const std::string_view text = config_json.empty() ? std::string_view("{}") : config_json;
    if (parser.parse(text.data(), text.size()).get(params) != simdjson::SUCCESS)
        throw PluginError(PORTICO_ERR_INVALID, 0, "bedrock: litellm_params is not a JSON object");

    BedrockSettings settings;
    AwsCredentials& credentials = settings.credentials;
    credentials.access_key_id = param(params, "aws_access_key_id");
    credentials.secret_access_key = param(params, "aws_secret_access_key");
    credentials.session_token = param(params, "aws_session_token");
    // Keys from the config and keys from the environment are never mixed: a config key id with an
    // environment secret would sign with someone else's secret.
    if (credentials.access_key_id.empty() && credentials.secret_access_key.empty()) {
        credentials.access_key_id = firstOf(environment, {"AWS_ACCESS_KEY_ID"});
        credentials.secret_access_key = firstOf(environment, {"AWS_SECRET_ACCESS_KEY"});
        credentials.session_token = firstOf(environment, {"AWS_SESSION_TOKEN"});
    }
    if (credentials.access_key_id.empty() != credentials.secret_access_key.empty())
        throw PluginError(PORTICO_ERR_INVALID, 0,
                          "bedrock: aws_access_key_id and aws_secret_access_key must be set together");

    settings.region = param(params, "aws_region_name");
    if (settings.region.empty()) settings.region = firstOf(environment, {"AWS_REGION_NAME", "AWS_REGION"});
    if (settings.region.empty()) settings.region = kDefaultRegion;
    settings.endpoint = param(params, "aws_bedrock_runtime_endpoint");
    settings.bearer_token = firstOf(environment, {"AWS_BEARER_TOKEN_BEDROCK"});
    return settings;
}

}  // namespace portico::bedrock
