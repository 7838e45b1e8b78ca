// The azure provider against the fake's Azure OpenAI paths: the deployment and api-version in the
// URL, the key in api-key, and Azure's own refusals reaching the client with their status.
#include <gtest/gtest.h>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

class AzureTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const std::string base = fake_->baseUrl();
        config.extra_models =
            "  - model_name: azure-gpt\n"
            "    litellm_params: {model: azure/gpt4o-prod, api_base: \"" + base +
            "\", api_key: azure-secret, api_version: \"2025-01-01\"}\n"
            "  - model_name: azure-nokey\n"
            "    litellm_params: {model: azure/gpt4o-prod, api_base: \"" + base + "\"}\n";
    }
};

TEST_F(AzureTest, ChatReachesTheDeploymentWithApiVersionAndApiKey) {
    const auto response = chat(chatBody("azure-gpt"));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"),
              "Hello from fake upstream");
    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01");
    const auto headers = upstream->getObject("headers");
    EXPECT_EQ(headers->optValue<std::string>("api-key", ""), "azure-secret");
    EXPECT_FALSE(headers->has("authorization"));
}

TEST_F(AzureTest, MissingKeyIsAzures401) {
    expectOpenAiError(chat(chatBody("azure-nokey")), 401);
}

}  // namespace
}  // namespace portico::itest
