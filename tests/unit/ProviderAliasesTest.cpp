#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "config/ProviderAliases.h"

namespace portico::config {
namespace {

Deployment aliased(const std::string& prefix, const std::string& api_base, const std::string& api_key = "sk-given") {
    Deployment deployment;
    deployment.provider = prefix;
    deployment.upstream_model = "some-model";
    deployment.api_base = api_base;
    deployment.api_key = api_key;
    const ProviderAlias* alias = findProviderAlias(prefix);
    EXPECT_NE(alias, nullptr) << prefix;
    if (alias) {
        EXPECT_EQ(applyProviderAlias(*alias, deployment), std::nullopt) << prefix;
    }
    return deployment;
}

TEST(ProviderAliasesTest, HostedServicesGetTheirDefaultBaseAndTheOpenAiPlugin) {
    const std::pair<std::string, std::string> defaults[] = {
        {"groq", "https://api.groq.com/openai/v1"},     {"deepseek", "https://api.deepseek.com"},
        {"mistral", "https://api.mistral.ai/v1"},       {"openrouter", "https://openrouter.ai/api/v1"},
        {"together_ai", "https://api.together.xyz/v1"}, {"xai", "https://api.x.ai/v1"},
    };
    for (const auto& [prefix, base] : defaults) {
        const Deployment deployment = aliased(prefix, "");
        EXPECT_EQ(deployment.provider, "openai") << prefix;
        EXPECT_EQ(deployment.api_base, base) << prefix;
        EXPECT_EQ(deployment.upstream_model, "some-model") << prefix;
        EXPECT_EQ(deployment.api_key, "sk-given") << prefix;  // a given key wins over the environment
    }
}

TEST(ProviderAliasesTest, AGivenApiBaseWins) {
    EXPECT_EQ(aliased("groq", "http://127.0.0.1:9/v1").api_base, "http://127.0.0.1:9/v1");
    EXPECT_EQ(aliased("hosted_vllm", "http://gpu-box:8000/v1").api_base, "http://gpu-box:8000/v1");
    EXPECT_EQ(aliased("lm_studio", "http://localhost:1234/v1").api_base, "http://localhost:1234/v1");
}

TEST(ProviderAliasesTest, OllamaBasesAreTheServerRootAndGetTheOpenAiPath) {
    // LiteLLM configs name Ollama's root (LiteLLM talks to /api/chat there); its OpenAI API is /v1.
    EXPECT_EQ(aliased("ollama_chat", "").api_base, "http://localhost:11434/v1");
    EXPECT_EQ(aliased("ollama_chat", "http://gpu-box:11434/").api_base, "http://gpu-box:11434/v1");
    EXPECT_EQ(aliased("ollama", "http://gpu-box:11434/v1").api_base, "http://gpu-box:11434/v1");
    EXPECT_EQ(aliased("ollama", "").provider, "openai");
}

TEST(ProviderAliasesTest, SelfHostedServersWithoutApiBaseAreRefused) {
    for (const std::string prefix : {"hosted_vllm", "lm_studio"}) {
        if (std::getenv(prefix == "hosted_vllm" ? "HOSTED_VLLM_API_BASE" : "LM_STUDIO_API_BASE")) continue;
        Deployment deployment;
        deployment.provider = prefix;
        const auto problem = applyProviderAlias(*findProviderAlias(prefix), deployment);
        ASSERT_TRUE(problem.has_value()) << prefix;
        EXPECT_NE(problem->find("need api_base"), std::string::npos) << *problem;
        EXPECT_EQ(deployment.provider, prefix);  // left as it was
    }
}

TEST(ProviderAliasesTest, PluginNamesAreNoAliases) {
    EXPECT_EQ(findProviderAlias("openai"), nullptr);
    EXPECT_EQ(findProviderAlias("azure"), nullptr);
    EXPECT_EQ(findProviderAlias("mock"), nullptr);
    EXPECT_EQ(findProviderAlias("Groq"), nullptr);  // LiteLLM prefixes are lower-case
}

}  // namespace
}  // namespace portico::config
