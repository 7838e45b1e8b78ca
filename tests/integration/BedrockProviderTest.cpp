// The bedrock provider end to end: OpenAI chat requests through the gateway's
// /v1/chat/completions to the Bedrock fake (tests/fakes/bedrock), which recomputes every SigV4
// signature; streamed (binary event stream) and not, tools, Bearer API keys, and Bedrock's
// errors mapped to OpenAI ones.
#include <Poco/JSON/Array.h>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

constexpr const char* kAccessKeyId = "AKIDEXAMPLE";  // what tests/fakes/bedrock/SigV4Verifier.h knows
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kApiKey = "ABSKZmFrZS1iZWRyb2NrLWtleQ==";

class BedrockProviderTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const auto model = [&](const std::string& name, const std::string& upstream, const std::string& auth) {
            return "  - model_name: " + name + "\n    litellm_params:\n      model: \"bedrock/" + upstream +
                   "\"\n      api_base: \"" + fake_->baseUrl() + "\"\n      aws_region_name: us-east-1\n      timeout: 10\n" + auth;
        };
        const std::string keys = std::string("      aws_access_key_id: ") + kAccessKeyId +
                                 "\n      aws_secret_access_key: \"" + kSecret + "\"\n";
        config.extra_models =
            model("claude", "anthropic.claude-3-5-sonnet-20240620-v1:0", keys) +
            model("claude-profile", "converse/us.anthropic.claude-3-5-sonnet-20240620-v1:0", keys) +
            model("claude-wrong-secret", "anthropic.claude-3-5-sonnet-20240620-v1:0",
                  std::string("      aws_access_key_id: ") + kAccessKeyId + "\n      aws_secret_access_key: not-the-secret\n") +
            model("claude-api-key", "anthropic.claude-3-5-sonnet-20240620-v1:0", std::string("      api_key: ") + kApiKey + "\n") +
            model("throttled", "fake.throttle-v1:0", keys) + model("too-long", "fake.context-v1:0", keys) +
            model("denied", "fake.denied-v1:0", keys) + model("tool", "fake.tool-v1:0", keys) +
            model("stream-exception", "fake.stream-exception-v1:0", keys) + model("stream-cut", "fake.stream-cut-v1:0", keys);
    }

    static std::string chatBody(const std::string& model, bool stream, const std::string& extra = "") {
        return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
               R"(,"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"},)"
               R"({"role":"user","content":"Anyone there?"}])" + extra + "}";
    }

    static constexpr const char* kWeatherTool =
        R"(,"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}])";

    struct StreamSummary {
        std::string text, arguments, tool_name, finish;
        bool role = false, done = false, error = false;
        int usage_chunks = 0;
    };

    static StreamSummary summarize(const std::vector<std::string>& events) {
        StreamSummary summary;
        for (const std::string& data : events) {
            if (data == "[DONE]") {
                summary.done = true;
                continue;
            }
            const auto chunk = parseObject(data);
            if (chunk->has("error")) {
                summary.error = true;
                continue;
            }
            if (chunk->getObject("usage")) ++summary.usage_chunks;
            const auto choices = chunk->getArray("choices");
            if (!choices || choices->size() == 0) continue;
            const auto choice = choices->getObject(0);
            const auto delta = choice->getObject("delta");
            if (delta->has("role")) summary.role = true;
            if (delta->has("content") && !delta->isNull("content")) summary.text += delta->getValue<std::string>("content");
            if (const auto calls = delta->getArray("tool_calls")) {
                const auto function = calls->getObject(0)->getObject("function");
                if (function->has("name")) summary.tool_name = function->getValue<std::string>("name");
                summary.arguments += function->getValue<std::string>("arguments");
            }
            if (!choice->isNull("finish_reason")) summary.finish = choice->getValue<std::string>("finish_reason");
        }
        return summary;
    }

    Poco::JSON::Object::Ptr upstreamHeaders() const { return fake_->lastRequest()->getObject("headers"); }
};

TEST_F(BedrockProviderTest, ChatIsSignedTranslatedAndAnswered) {
    const HttpResponse response = chat(chatBody("claude", false, R"(,"max_tokens":64,"temperature":0.3)"));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
    const auto choice = body->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "Hello from fake bedrock");
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
    EXPECT_GT(body->getObject("usage")->getValue<int>("prompt_tokens"), 0);
    EXPECT_EQ(body->getObject("usage")->getValue<int>("completion_tokens"), 5);

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
    const std::string authorization = upstreamHeaders()->getValue<std::string>("authorization");
    EXPECT_EQ(authorization.rfind(std::string("AWS4-HMAC-SHA256 Credential=") + kAccessKeyId + "/", 0), 0u) << authorization;
    EXPECT_NE(authorization.find("/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="),
              std::string::npos);
    EXPECT_EQ(authorization.find(kSecret), std::string::npos);
    const auto sent = parseObject(upstream->getValue<std::string>("body"));
    EXPECT_EQ(sent->getArray("system")->getObject(0)->getValue<std::string>("text"), "Be terse.");
    ASSERT_EQ(sent->getArray("messages")->size(), 1u);  // the two user turns merged
    EXPECT_EQ(sent->getArray("messages")->getObject(0)->getArray("content")->size(), 2u);
    EXPECT_EQ(sent->getObject("inferenceConfig")->getValue<int>("maxTokens"), 64);
}

TEST_F(BedrockProviderTest, InferenceProfilesThroughTheConverseRoute) {
    const HttpResponse response = chat(chatBody("claude-profile", false));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(fake_->lastRequest()->getValue<std::string>("uri"),
              "/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
}

TEST_F(BedrockProviderTest, StreamBecomesOpenAiChunksWithUsageOnce) {
    SseStream stream(port(), chatBody("claude", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.role);
    EXPECT_TRUE(summary.done);
    EXPECT_FALSE(summary.error);
    EXPECT_EQ(summary.text, "Hello from fake bedrock");
    EXPECT_EQ(summary.finish, "stop");
    EXPECT_EQ(summary.usage_chunks, 1);
    EXPECT_EQ(fake_->lastRequest()->getValue<std::string>("uri"),
              "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
}

TEST_F(BedrockProviderTest, ToolCallsBothWaysStreamedAndNot) {
    const HttpResponse response = chat(chatBody("tool", false, kWeatherTool));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto choice = response.json()->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
    const auto call = choice->getObject("message")->getArray("tool_calls")->getObject(0);
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "get_weather");
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"Oslo"})");

    // The answer's tool call and its result go back; the fake checks the toolResult follows it.
    const std::string id = call->getValue<std::string>("id");
    const HttpResponse second = chat(
        R"({"model":"tool","messages":[{"role":"user","content":"Weather?"},)"
        R"({"role":"assistant","content":null,"tool_calls":[{"id":")" + id +
        R"(","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},)"
        R"({"role":"tool","tool_call_id":")" + id + R"(","content":"4 C"}])" + std::string(kWeatherTool) + "}");
    ASSERT_EQ(second.status, 200) << second.describe();

    SseStream stream(port(), chatBody("tool", true, kWeatherTool), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_EQ(summary.tool_name, "get_weather");
    EXPECT_EQ(summary.arguments, R"({"city":"Oslo"})");
    EXPECT_EQ(summary.finish, "tool_calls");
    EXPECT_TRUE(summary.done);
}

TEST_F(BedrockProviderTest, ABedrockApiKeyGoesAsBearer) {
    const HttpResponse response = chat(chatBody("claude-api-key", false));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(upstreamHeaders()->getValue<std::string>("authorization"), std::string("Bearer ") + kApiKey);
}

TEST_F(BedrockProviderTest, AWrongSecretIsRefusedByTheFakeAndBecomesA401) {
    const auto error = expectOpenAiError(chat(chatBody("claude-wrong-secret", false)), 401);
    EXPECT_NE(error->getValue<std::string>("message").find("signature we calculated does not match"), std::string::npos);
    EXPECT_EQ(error->getValue<std::string>("type"), "authentication_error");
}

TEST_F(BedrockProviderTest, ThrottlingIsA429WithRetryAfter) {
    const HttpResponse response = chat(chatBody("throttled", false));
    const auto error = expectOpenAiError(response, 429);
    EXPECT_NE(error->getValue<std::string>("message").find("ThrottlingException"), std::string::npos);
    EXPECT_EQ(error->getValue<std::string>("code"), "rate_limit_exceeded");
    EXPECT_EQ(response.header("retry-after"), "1");
}

TEST_F(BedrockProviderTest, TooLongInputIsAContextWindowError) {
    const auto error = expectOpenAiError(chat(chatBody("too-long", false)), 400);
    EXPECT_EQ(error->getValue<std::string>("code"), "context_length_exceeded");
    EXPECT_NE(error->getValue<std::string>("message").find("Input is too long"), std::string::npos);
}

TEST_F(BedrockProviderTest, AccessDeniedIsA403) {
    const auto error = expectOpenAiError(chat(chatBody("denied", false)), 403);
    EXPECT_EQ(error->getValue<std::string>("type"), "permission_error");
}

TEST_F(BedrockProviderTest, WhatConverseRefusesComesBackAsA400) {
    // Only an assistant message: the translation keeps it, Bedrock (the fake) refuses it.
    const auto error = expectOpenAiError(chat(R"({"model":"claude","messages":[{"role":"assistant","content":"Hi"}]})"), 400);
    EXPECT_NE(error->getValue<std::string>("message").find("must start with a user message"), std::string::npos);
}

TEST_F(BedrockProviderTest, WhatConverseCannotDoIsRefusedBeforeTheUpstream) {
    expectOpenAiError(chat(chatBody("claude", false, R"(,"n":2)")), 400);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(BedrockProviderTest, AnExceptionFrameMidStreamEndsInAnError) {
    SseStream stream(port(), chatBody("stream-exception", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.error);
    EXPECT_FALSE(summary.done);
    EXPECT_EQ(summary.text, "Hello ");
}

TEST_F(BedrockProviderTest, AStreamCutBeforeMessageStopEndsInAnError) {
    SseStream stream(port(), chatBody("stream-cut", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.error) << "the truncated answer must not pass as complete";
    EXPECT_FALSE(summary.done);
}

}  // namespace
}  // namespace portico::itest
