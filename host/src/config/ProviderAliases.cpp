#include "config/ProviderAliases.h"

#include "config/EnvReference.h"

namespace portico::config {
namespace {

/// LiteLLM's OpenAI-compatible providers: default bases and key variables as LiteLLM's own
/// provider modules use them (litellm/llms/<name>/), bases checked against each vendor's docs.
constexpr ProviderAlias kAliases[] = {
    {"hosted_vllm", "openai", "", "HOSTED_VLLM_API_BASE", "", {"HOSTED_VLLM_API_KEY", ""}},
    {"lm_studio", "openai", "", "LM_STUDIO_API_BASE", "", {"LM_STUDIO_API_KEY", ""}},
    {"ollama_chat", "openai", "http://localhost:11434", "OLLAMA_API_BASE", "/v1", {"OLLAMA_API_KEY", ""}},
    {"ollama", "openai", "http://localhost:11434", "OLLAMA_API_BASE", "/v1", {"OLLAMA_API_KEY", ""}},
    {"groq", "openai", "https://api.groq.com/openai/v1", "", "", {"GROQ_API_KEY", ""}},
    // DeepSeek documents https://api.deepseek.com as its OpenAI base (/v1 is accepted too).
    {"deepseek", "openai", "https://api.deepseek.com", "", "", {"DEEPSEEK_API_KEY", ""}},
    {"mistral", "openai", "https://api.mistral.ai/v1", "", "", {"MISTRAL_API_KEY", ""}},
    {"openrouter", "openai", "https://openrouter.ai/api/v1", "", "", {"OPENROUTER_API_KEY", ""}},
    {"together_ai", "openai", "https://api.together.xyz/v1", "", "", {"TOGETHERAI_API_KEY", "TOGETHER_AI_API_KEY"}},
    {"xai", "openai", "https://api.x.ai/v1", "", "", {"XAI_API_KEY", ""}},
};

std::string withApiPath(std::string base, std::string_view api_path) {
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (!api_path.empty() && !std::string_view(base).ends_with(api_path)) base.append(api_path);
    return base;
}

}  // namespace

const ProviderAlias* findProviderAlias(std::string_view prefix) {
    for (const ProviderAlias& alias : kAliases)
        if (alias.prefix == prefix) return &alias;
    return nullptr;
}

std::optional<std::string> applyProviderAlias(const ProviderAlias& alias, Deployment& deployment) {
    if (deployment.api_base.empty() && !alias.api_base_env.empty())
        deployment.api_base = environmentValue(std::string(alias.api_base_env)).value_or("");
    if (deployment.api_base.empty() && alias.default_api_base.empty())
        return std::string(alias.prefix) + "/ models need api_base (the server's OpenAI-compatible URL, e.g. "
               "http://host:8000/v1) or " + std::string(alias.api_base_env);
    deployment.provider = std::string(alias.provider);
    deployment.api_base = withApiPath(
        deployment.api_base.empty() ? std::string(alias.default_api_base) : deployment.api_base, alias.api_path);
    for (std::string_view name : alias.api_key_env) {
        if (!deployment.api_key.empty() || name.empty()) break;
        deployment.api_key = environmentValue(std::string(name)).value_or("");
    }
    return std::nullopt;
}

}  // namespace portico::config
