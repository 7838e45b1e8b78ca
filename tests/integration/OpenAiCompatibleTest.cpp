// LiteLLM's provider prefixes for OpenAI-compatible servers (groq/, hosted_vllm/, ...) are served
// by the openai plugin: the prefix is dropped from the model and the request reaches the server's
// /chat/completions under api_base, with the key LiteLLM would use.
#include <gtest/gtest.h>

#include <map>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

class OpenAiCompatibleTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.extra_models =
            "  - model_name: groq-llama\n"
            "    litellm_params: {model: groq/llama-3.1-8b-instant, api_base: \"" + config.api_base +
            "\", api_key: gsk-inline}\n"
            "  - model_name: vllm-llama\n"
            "    litellm_params: {model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct, api_base: \"" + config.api_base +
            "\"}\n";
    }
};

TEST_F(OpenAiCompatibleTest, GroqModelReachesChatCompletionsWithoutItsPrefix) {
    const auto response = chat(chatBody("groq-llama"));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"),
              "Hello from fake upstream");

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/chat/completions");
    EXPECT_EQ(parseObject(upstream->getValue<std::string>("body"))->getValue<std::string>("model"), "llama-3.1-8b-instant");
    EXPECT_EQ(upstream->getObject("headers")->optValue<std::string>("authorization", ""), "Bearer gsk-inline");
}

TEST_F(OpenAiCompatibleTest, HostedVllmKeyComesFromItsEnvironmentVariable) {
    // A gateway of its own, started with HOSTED_VLLM_API_KEY set, as LiteLLM would read it.
    GatewayProcess gateway(dir_, config_.yaml(), {{"HOSTED_VLLM_API_KEY", "vllm-env-key"}});
    const auto response = httpPostJson(gateway.port(), "/v1/chat/completions", chatBody("vllm-llama"), kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(parseObject(upstream->getValue<std::string>("body"))->getValue<std::string>("model"),
              "meta-llama/Llama-3.1-8B-Instruct");
    EXPECT_EQ(upstream->getObject("headers")->optValue<std::string>("authorization", ""), "Bearer vllm-env-key");
}

}  // namespace
}  // namespace portico::itest
