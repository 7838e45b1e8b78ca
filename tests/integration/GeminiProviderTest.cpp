// The gemini provider end to end: OpenAI chat requests through the gateway to the Gemini fake
// (tests/fakes/gemini), streamed and not, tools, errors, and where the key went.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class GeminiProviderTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const auto model = [&](const std::string& name, const std::string& upstream) {
            return "  - model_name: " + name + "\n    litellm_params: {model: gemini/" + upstream + ", api_base: \"" +
                   fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
        };
        config.extra_models = model("gemini-flash", "gemini-2.5-flash") + model("gemini-tool", "gemini-tool") +
                              model("gemini-429", "gemini-error-429") + model("gemini-cut", "gemini-stream-cut");
    }

    static std::string chatBody(const std::string& model, bool stream, const std::string& extra = "") {
        return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
               R"(,"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}])" + extra + "}";
    }
};

TEST_F(GeminiProviderTest, ChatIsTranslatedBothWaysAndTheKeyGoesInTheHeader) {
    const HttpResponse response = chat(chatBody("gemini-flash", false));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
    const auto choice = body->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "Hello from fake gemini");
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
    EXPECT_GT(body->getObject("usage")->getValue<int>("prompt_tokens"), 0);
    EXPECT_EQ(body->getObject("usage")->getValue<int>("completion_tokens"), 5);

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1beta/models/gemini-2.5-flash:generateContent");
    EXPECT_EQ(upstream->getObject("headers")->getValue<std::string>("x-goog-api-key"), kUpstreamKey);
    EXPECT_FALSE(upstream->getObject("headers")->has("authorization"));
    EXPECT_EQ(upstream->getValue<std::string>("uri").find(kUpstreamKey), std::string::npos);
    // The body the fake got is Gemini's, with the system prompt moved out of contents.
    Poco::JSON::Parser parser;
    const auto sent = parser.parse(upstream->getValue<std::string>("body")).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(sent->has("systemInstruction"));
    EXPECT_EQ(sent->getArray("contents")->size(), 1u);
    EXPECT_EQ(sent->getArray("contents")->getObject(0)->getValue<std::string>("role"), "user");
}

TEST_F(GeminiProviderTest, StreamBecomesOpenAiChunks) {
    SseStream stream(port(), chatBody("gemini-flash", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    std::string text, finish;
    bool sawRole = false, sawDone = false;
    for (const std::string& data : stream.readAll()) {
        if (data == "[DONE]") {
            sawDone = true;
            continue;
        }
        Poco::JSON::Parser parser;
        const auto chunk = parser.parse(data).extract<Poco::JSON::Object::Ptr>();
        const auto choices = chunk->getArray("choices");
        if (!choices || choices->size() == 0) continue;
        const auto choice = choices->getObject(0);
        const auto delta = choice->getObject("delta");
        if (delta->has("role")) sawRole = true;
        if (delta->has("content")) text += delta->getValue<std::string>("content");
        if (!choice->isNull("finish_reason")) finish = choice->getValue<std::string>("finish_reason");
    }
    EXPECT_TRUE(sawRole);
    EXPECT_TRUE(sawDone);
    EXPECT_EQ(text, "Hello from fake gemini");
    EXPECT_EQ(finish, "stop");
    EXPECT_NE(fake_->lastRequest()->getValue<std::string>("uri").find(":streamGenerateContent?alt=sse"), std::string::npos);
}

TEST_F(GeminiProviderTest, ToolCallComesBackAsOpenAiToolCalls) {
    const HttpResponse response = chat(chatBody("gemini-tool", false,
        R"(,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","additionalProperties":false,"properties":{"city":{"type":"string"}}}}}],"tool_choice":"required")"));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto choice = response.json()->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
    const auto call = choice->getObject("message")->getArray("tool_calls")->getObject(0);
    EXPECT_EQ(call->getValue<std::string>("id").rfind("call_", 0), 0u);
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "get_weather");
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"Oslo"})");
    const std::string sent = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_NE(sent.find(R"("mode":"ANY")"), std::string::npos) << sent;
    EXPECT_EQ(sent.find("additionalProperties"), std::string::npos) << sent;
}

TEST_F(GeminiProviderTest, ResourceExhaustedIsA429WithRetryAfter) {
    const HttpResponse response = chat(chatBody("gemini-429", false));
    const auto error = expectOpenAiError(response, 429);
    EXPECT_EQ(error->getValue<std::string>("message"), "fake gemini error 429");
    EXPECT_EQ(response.header("retry-after"), "1");
}

TEST_F(GeminiProviderTest, StreamCutWithoutFinishReasonEndsInAnError) {
    SseStream stream(port(), chatBody("gemini-cut", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    bool sawError = false, sawDone = false;
    for (const std::string& data : stream.readAll()) {
        if (data == "[DONE]") sawDone = true;
        else if (data.find("\"error\"") != std::string::npos) sawError = true;
    }
    EXPECT_TRUE(sawError) << "the truncated answer must not pass as complete";
    EXPECT_FALSE(sawDone);
}

// Gemini's usage arrives in its chunks' usageMetadata, which the provider reports to the host
// without a usage chunk: the gateway adds OpenAI's `"choices":[]` usage chunk before [DONE].
TEST_F(GeminiProviderTest, IncludeUsageGetsAFinalUsageChunkAddedByTheGateway) {
    SseStream stream(port(), chatBody("gemini-flash", true, R"(,"stream_options":{"include_usage":true})"), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const std::vector<std::string> events = stream.readAll();
    ASSERT_GE(events.size(), 3u);
    EXPECT_EQ(events.back(), "[DONE]");
    const auto usage_chunk = parseObject(events[events.size() - 2]);
    EXPECT_EQ(usage_chunk->getArray("choices")->size(), 0u) << events[events.size() - 2];
    EXPECT_GT(usage_chunk->getObject("usage")->getValue<int>("total_tokens"), 0);
    EXPECT_EQ(usage_chunk->getValue<std::string>("object"), "chat.completion.chunk");
    EXPECT_EQ(usage_chunk->getValue<std::string>("id"), parseObject(events[0])->getValue<std::string>("id"));
}

}  // namespace
}  // namespace portico::itest
