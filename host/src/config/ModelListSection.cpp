#include <limits>
#include <optional>

#include "config/EnvReference.h"
#include "config/ProviderAliases.h"
#include "config/Sections.h"
#include "config/YamlToJson.h"

namespace portico::config {
namespace {

/// LiteLLM sends a model without a "provider/" prefix to OpenAI.
constexpr const char* kDefaultProvider = "openai";

/// rpm/tpm as found in one place of an entry; nullopt = not given there.
struct RateLimits {
    std::optional<long> rpm;
    std::optional<long> tpm;
};

/// The value as LiteLLM would see it: an `os.environ/NAME` string is replaced by the variable's
/// text and typed again, so `timeout: os.environ/UPSTREAM_TIMEOUT` reads as a number.
ScalarValue resolvedScalar(NodeReader& reader, const YAML::Node& node, const std::string& path) {
    ScalarValue value = reader.scalar(node, path);
    if (value.kind == ScalarKind::String && envReferenceName(value.text)) {
        value.text = resolveEnvReference(value.text, reader.source(), path);
        value.kind = inferPlainScalar(value.text);
        if (value.kind == ScalarKind::Null) value.kind = ScalarKind::String;
    }
    return value;
}

std::string resolvedText(NodeReader& reader, const YAML::Node& node, const std::string& path) {
    return resolveEnvReference(reader.text(node, path), reader.source(), path);
}

/// Reads `rpm` / `tpm` from one mapping's entries; other keys are left to the caller.
RateLimits readRateLimits(NodeReader& reader, const std::vector<NodeReader::Entry>& entries, const std::string& path) {
    RateLimits limits;
    for (const auto& [key, value] : entries) {
        if ((key != "rpm" && key != "tpm") || value.IsNull()) continue;
        const std::string key_path = NodeReader::child(path, key);
        const long limit = static_cast<long>(
            reader.integer(resolvedScalar(reader, value, key_path), key_path, 0, std::numeric_limits<long>::max()));
        (key == "rpm" ? limits.rpm : limits.tpm) = limit;
    }
    return limits;
}

/// "openai/ft:gpt/x" → {"openai", "ft:gpt/x"}: only the first '/' separates the provider,
/// because upstream model names contain slashes of their own.
void splitModel(NodeReader& reader, Deployment& deployment, const std::string& model, const std::string& path) {
    if (model.empty()) reader.fail(path, "missing");
    const std::size_t slash = model.find('/');
    if (slash == std::string::npos) {
        deployment.provider = kDefaultProvider;
        deployment.upstream_model = model;
        return;
    }
    deployment.provider = model.substr(0, slash);
    deployment.upstream_model = model.substr(slash + 1);
    if (deployment.provider.empty()) reader.fail(path, "no provider before '/' in '" + model + "'");
    if (deployment.upstream_model.empty()) reader.fail(path, "no model name after '/' in '" + model + "'");
}

/// True when the entry should be skipped: its api_key names a variable this environment lacks.
bool apiKeyMissing(NodeReader& reader, const YAML::Node& api_key, const std::string& path,
                   const std::string& model_name) {
    if (!api_key.IsScalar()) return false;
    const auto name = envReferenceName(api_key.Scalar());
    if (!name || name->empty() || environmentValue(std::string(*name))) return false;
    reader.warn(path, "model '" + model_name + "': " + std::string(*name) + " not set, entry skipped");
    return true;
}

/// Reads litellm_params into `deployment`. Returns false when the entry is to be skipped.
bool readLitellmParams(NodeReader& reader, Deployment& deployment, const std::vector<NodeReader::Entry>& params,
                       const std::string& path) {
    for (const auto& [key, value] : params)
        if (key == "api_key" && apiKeyMissing(reader, value, NodeReader::child(path, key), deployment.model_name))
            return false;

    bool have_model = false;
    for (const auto& [key, value] : params) {
        const std::string key_path = NodeReader::child(path, key);
        if (key == "api_key") {
            deployment.api_key = resolvedText(reader, value, key_path);
        } else if (key == "model") {
            splitModel(reader, deployment, resolvedText(reader, value, key_path), key_path);
            have_model = true;
        } else if (key == "api_base") {
            deployment.api_base = resolvedText(reader, value, key_path);
        } else if (key == "timeout" && !value.IsNull()) {
            const ScalarValue timeout = resolvedScalar(reader, value, key_path);
            deployment.timeout_s = reader.number(timeout, key_path);
            if (deployment.timeout_s < 0) reader.fail(key_path, "must be >= 0 seconds, found " + timeout.text);
        } else if (key == "weight" && !value.IsNull()) {
            const ScalarValue weight = resolvedScalar(reader, value, key_path);
            deployment.weight = reader.number(weight, key_path);
            if (deployment.weight <= 0) reader.fail(key_path, "must be > 0, found " + weight.text);
        }
    }
    if (!have_model) reader.fail(NodeReader::child(path, "model"), "missing");
    // groq/, ollama_chat/, hosted_vllm/, ...: OpenAI-compatible servers, served by the openai plugin.
    if (const ProviderAlias* alias = findProviderAlias(deployment.provider))
        if (auto problem = applyProviderAlias(*alias, deployment)) reader.fail(NodeReader::child(path, "api_base"), *problem);

    const StringFilter resolve = [&reader](const std::string& text, const std::string& key_path) {
        return resolveEnvReference(text, reader.source(), key_path);
    };
    deployment.params_json = entriesToJson(reader, params, path, resolve, "api_key");
    return true;
}

std::optional<Deployment> parseEntry(NodeReader& reader, const YAML::Node& node, std::size_t index) {
    const std::string path = NodeReader::item("model_list", index);
    if (!node.IsMap()) reader.fail(path, "must be a mapping with model_name and litellm_params");

    YAML::Node name_node;
    YAML::Node params_node;
    YAML::Node info_node;
    const auto entry = reader.entries(node, path);
    for (const auto& [key, value] : entry) {
        if (key == "model_name") name_node = value;
        else if (key == "litellm_params") params_node = value;
        else if (key == "model_info") info_node = value;
        else if (key != "rpm" && key != "tpm") reader.warn(NodeReader::child(path, key), "unknown key, ignored");
    }

    Deployment deployment;
    const std::string name_path = NodeReader::child(path, "model_name");
    deployment.model_name = reader.text(name_node, name_path);
    if (deployment.model_name.empty()) reader.fail(name_path, "missing");
    deployment.id = deployment.model_name + "#" + std::to_string(index);

    const std::string params_path = NodeReader::child(path, "litellm_params");
    if (params_node.IsNull()) reader.fail(params_path, "missing (every model_list entry needs litellm_params.model)");
    const auto params = reader.entries(params_node, params_path);
    if (!readLitellmParams(reader, deployment, params, params_path)) return std::nullopt;

    const std::string info_path = NodeReader::child(path, "model_info");
    if (!info_node.IsNull() && !info_node.IsMap()) reader.fail(info_path, "must be a mapping");
    const auto info = reader.entries(info_node, info_path);
    deployment.model_info_json = entriesToJson(reader, info, info_path);

    // LiteLLM's router looks for rpm/tpm on the entry itself, then in litellm_params, then in
    // model_info; configs in the wild use all three places.
    const RateLimits places[] = {readRateLimits(reader, entry, path), readRateLimits(reader, params, params_path),
                                 readRateLimits(reader, info, info_path)};
    RateLimits chosen;
    for (const RateLimits& limits : places) {
        if (!chosen.rpm) chosen.rpm = limits.rpm;
        if (!chosen.tpm) chosen.tpm = limits.tpm;
    }
    deployment.rpm = chosen.rpm.value_or(0);
    deployment.tpm = chosen.tpm.value_or(0);
    return deployment;
}

}  // namespace

std::vector<Deployment> parseModelList(NodeReader& reader, const YAML::Node& node) {
    std::vector<Deployment> deployments;
    if (node.IsNull() || (node.IsSequence() && node.size() == 0)) {
        reader.warn("model_list", "missing or empty, no models are served");
        return deployments;
    }
    if (!node.IsSequence()) reader.fail("model_list", "must be a sequence of model entries");
    std::size_t index = 0;
    for (const auto& entry : node) {
        if (auto deployment = parseEntry(reader, entry, index)) deployments.push_back(*std::move(deployment));
        ++index;
    }
    return deployments;
}

}  // namespace portico::config
