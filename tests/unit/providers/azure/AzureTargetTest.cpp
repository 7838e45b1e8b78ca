#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "../openai/RecordingSinks.h"
#include "AzureTarget.h"
#include "OpenAiProvider.h"
#include "common/PluginError.h"

namespace portico::azure {
namespace {

using openai::testing::callFor;
using openai::testing::RecordedRequest;
using plugin_common::PluginError;

constexpr const char* kBase = "https://contoso.openai.azure.com/";
constexpr std::string_view kConfig = R"({"model":"azure/gpt4o-prod","api_base":"https://contoso.openai.azure.com/","api_version":"2025-01-01"})";

RecordedRequest built(std::string_view config, uint32_t operation, const char* deployment = "gpt4o-prod") {
    const openai::OpenAiProvider provider(std::make_unique<AzureTarget>(config));
    portico_call call = callFor(operation, kBase, "azure-key");
    call.model = portico_str{deployment, std::char_traits<char>::length(deployment)};
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_EQ(provider.buildRequest(call, R"({"model":"gpt4o-prod"})", out), PORTICO_OK);
    return recorded;
}

TEST(AzureTargetTest, DeploymentOperationsCarryTheDeploymentAndApiVersion) {
    EXPECT_EQ(built(kConfig, PORTICO_OP_CHAT).url,
              "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01");
    EXPECT_EQ(built(kConfig, PORTICO_OP_COMPLETIONS).url,
              "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/completions?api-version=2025-01-01");
    EXPECT_EQ(built(kConfig, PORTICO_OP_EMBEDDINGS).url,
              "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/embeddings?api-version=2025-01-01");
}

TEST(AzureTargetTest, ResponsesUseTheV1Api) {
    EXPECT_EQ(built(kConfig, PORTICO_OP_RESPONSES).url, "https://contoso.openai.azure.com/openai/v1/responses");
}

TEST(AzureTargetTest, KeyGoesInApiKeyNotAuthorization) {
    const RecordedRequest r = built(kConfig, PORTICO_OP_CHAT);
    EXPECT_EQ(r.header("api-key"), "azure-key");
    EXPECT_EQ(r.header("Authorization"), "<absent>");
    EXPECT_EQ(r.body, R"({"model":"gpt4o-prod"})");
}

TEST(AzureTargetTest, DeploymentNameIsOnePathSegment) {
    EXPECT_EQ(built(kConfig, PORTICO_OP_CHAT, "a/b?c").url,
              "https://contoso.openai.azure.com/openai/deployments/a%2Fb%3Fc/chat/completions?api-version=2025-01-01");
}

TEST(AzureTargetTest, ApiVersionComesFromConfigThenEnvironmentThenTheDefault) {
    const char* saved = std::getenv("AZURE_API_VERSION");
    const std::string old = saved ? saved : "";
    const std::string no_version = R"({"api_base":"https://contoso.openai.azure.com"})";
    ::unsetenv("AZURE_API_VERSION");
    EXPECT_EQ(AzureTarget(no_version).apiVersion(), AzureTarget::kDefaultApiVersion);
    ::setenv("AZURE_API_VERSION", "2024-06-01", 1);
    EXPECT_EQ(AzureTarget(no_version).apiVersion(), "2024-06-01");
    EXPECT_EQ(AzureTarget(kConfig).apiVersion(), "2025-01-01");  // the deployment's own wins
    if (saved) ::setenv("AZURE_API_VERSION", old.c_str(), 1);
    else ::unsetenv("AZURE_API_VERSION");
}

TEST(AzureTargetTest, DeploymentWithoutApiBaseIsRefused) {
    try {
        AzureTarget target(R"({"model":"azure/gpt4o-prod"})");
        FAIL() << "an Azure deployment needs api_base";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_INVALID);
        EXPECT_NE(std::string(e.what()).find("api_base"), std::string::npos);
    }
}

}  // namespace
}  // namespace portico::azure
