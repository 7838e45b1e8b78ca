// The anthropic provider end to end: OpenAI chat requests through the gateway's
// /v1/chat/completions to the Anthropic fake (tests/fakes/anthropic), streamed and not, tools,
// errors with their status and Retry-After, and the headers Anthropic requires.
#include <Poco/JSON/Array.h>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class AnthropicProviderTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const auto model = [&](const std::string& name, const std::string& upstream) {
            return "  - model_name: " + name + "\n    litellm_params: {model: anthropic/" + upstream + ", api_base: \"" +
                   fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
        };
        config.extra_models = model("claude", "claude-sonnet-4-5") + model("claude-tool", "claude-tool") +
                              model("claude-429", "claude-error-429") + model("claude-529", "claude-error-529") +
                              model("claude-context", "claude-context") + model("claude-cut", "claude-stream-cut") +
                              model("claude-overloaded", "claude-stream-error");
    }

    static std::string chatBody(const std::string& model, bool stream, const std::string& extra = "") {
        return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
               R"(,"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"},)"
               R"({"role":"user","content":"Anyone there?"}])" + extra + "}";
    }

    static constexpr const char* kWeatherTool =
        R"(,"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"required")";

    /// What a chunk stream said: joined content, joined first tool call's arguments, and more.
    struct StreamSummary {
        std::string text, arguments, tool_name, tool_id, finish;
        bool role = false, done = false, error = false;
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
            EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk") << data;
            const auto choices = chunk->getArray("choices");
            if (!choices || choices->size() == 0) continue;
            const auto choice = choices->getObject(0);
            const auto delta = choice->getObject("delta");
            if (delta->has("role")) summary.role = true;
            if (delta->has("content") && !delta->isNull("content")) summary.text += delta->getValue<std::string>("content");
            if (const auto calls = delta->getArray("tool_calls")) {
                const auto call = calls->getObject(0);
                if (call->has("id")) summary.tool_id = call->getValue<std::string>("id");
                const auto function = call->getObject("function");
                if (function->has("name")) summary.tool_name = function->getValue<std::string>("name");
                if (function->has("arguments")) summary.arguments += function->getValue<std::string>("arguments");
            }
            if (!choice->isNull("finish_reason")) summary.finish = choice->getValue<std::string>("finish_reason");
        }
        return summary;
    }
};

TEST_F(AnthropicProviderTest, ChatIsTranslatedBothWaysWithAnthropicsHeaders) {
    const HttpResponse response = chat(chatBody("claude", false));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
    EXPECT_EQ(body->getValue<std::string>("id").rfind("msg_fake", 0), 0u);
    const auto choice = body->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "Hello from fake Claude");
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
    EXPECT_GT(body->getObject("usage")->getValue<int>("prompt_tokens"), 0);
    EXPECT_EQ(body->getObject("usage")->getValue<int>("completion_tokens"), 5);

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/messages");
    const auto headers = upstream->getObject("headers");
    EXPECT_EQ(headers->optValue<std::string>("x-api-key", ""), kUpstreamKey);
    EXPECT_EQ(headers->optValue<std::string>("anthropic-version", ""), "2023-06-01");
    EXPECT_FALSE(headers->has("authorization"));
    // The fake validated it as Anthropic would; here: system lifted, the two user turns merged,
    // max_tokens supplied.
    const auto sent = parseObject(upstream->getValue<std::string>("body"));
    EXPECT_EQ(sent->getValue<std::string>("model"), "claude-sonnet-4-5");
    EXPECT_EQ(sent->getValue<int>("max_tokens"), 4096);
    EXPECT_EQ(sent->getArray("system")->getObject(0)->getValue<std::string>("text"), "Be terse.");
    ASSERT_EQ(sent->getArray("messages")->size(), 1u);
    EXPECT_EQ(sent->getArray("messages")->getObject(0)->getArray("content")->size(), 2u);
}

TEST_F(AnthropicProviderTest, StreamBecomesOpenAiChunks) {
    SseStream stream(port(), chatBody("claude", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    EXPECT_NE(stream.header("Content-Type").find("text/event-stream"), std::string::npos);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.role);
    EXPECT_TRUE(summary.done);
    EXPECT_FALSE(summary.error);
    EXPECT_EQ(summary.text, "Hello from fake Claude");
    EXPECT_EQ(summary.finish, "stop");
    const auto sent = parseObject(fake_->lastRequest()->getValue<std::string>("body"));
    EXPECT_TRUE(sent->getValue<bool>("stream"));
}

TEST_F(AnthropicProviderTest, ToolUseComesBackAsOpenAiToolCalls) {
    const HttpResponse response = chat(chatBody("claude-tool", false, kWeatherTool));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto choice = response.json()->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
    EXPECT_TRUE(choice->getObject("message")->isNull("content"));
    const auto call = choice->getObject("message")->getArray("tool_calls")->getObject(0);
    EXPECT_EQ(call->getValue<std::string>("id"), "toolu_fake01");
    EXPECT_EQ(call->getValue<std::string>("type"), "function");
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "get_weather");
    EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"Oslo"})");
    const auto sent = parseObject(fake_->lastRequest()->getValue<std::string>("body"));
    EXPECT_EQ(sent->getObject("tool_choice")->getValue<std::string>("type"), "any");
    EXPECT_TRUE(sent->getArray("tools")->getObject(0)->has("input_schema"));
}

TEST_F(AnthropicProviderTest, StreamedToolUseArrivesAsToolCallDeltas) {
    SseStream stream(port(), chatBody("claude-tool", true, kWeatherTool), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.done);
    EXPECT_EQ(summary.tool_id, "toolu_fake01");
    EXPECT_EQ(summary.tool_name, "get_weather");
    EXPECT_EQ(summary.arguments, R"({"city":"Oslo"})");
    EXPECT_EQ(summary.finish, "tool_calls");
}

TEST_F(AnthropicProviderTest, AToolResultConversationIsAcceptedByTheUpstream) {
    // The fake refuses what Anthropic refuses (tool_result outside a user turn, empty content,
    // unknown fields), so a 200 here means the translation is one Anthropic takes.
    const HttpResponse response = chat(R"({"model":"claude","max_completion_tokens":100,"temperature":0.2,"stop":"END",)"
                                       R"("user":"u-7","messages":[{"role":"user","content":"Weather in Oslo?"},)"
                                       R"({"role":"assistant","content":null,"tool_calls":[{"id":"toolu_1","type":"function",)"
                                       R"("function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},)"
                                       R"({"role":"tool","tool_call_id":"toolu_1","content":"{\"temp_c\":4}"}])" +
                                       std::string(kWeatherTool) + "}");
    ASSERT_EQ(response.status, 200) << response.describe() << "\nsent: " << fake_->lastRequest()->getValue<std::string>("body");
    const auto sent = parseObject(fake_->lastRequest()->getValue<std::string>("body"));
    EXPECT_EQ(sent->getValue<int>("max_tokens"), 100);
    EXPECT_EQ(sent->getObject("metadata")->getValue<std::string>("user_id"), "u-7");
    EXPECT_EQ(sent->getArray("stop_sequences")->getElement<std::string>(0), "END");
    const auto turns = sent->getArray("messages");
    ASSERT_EQ(turns->size(), 3u);
    EXPECT_EQ(turns->getObject(1)->getArray("content")->getObject(0)->getValue<std::string>("type"), "tool_use");
    EXPECT_EQ(turns->getObject(2)->getValue<std::string>("role"), "user");
    EXPECT_EQ(turns->getObject(2)->getArray("content")->getObject(0)->getValue<std::string>("type"), "tool_result");
}

TEST_F(AnthropicProviderTest, RateLimitIsA429WithRetryAfter) {
    const HttpResponse response = chat(chatBody("claude-429", false));
    const auto error = expectOpenAiError(response, 429);
    EXPECT_EQ(error->getValue<std::string>("message"), "fake upstream error 429");
    EXPECT_EQ(response.header("retry-after"), "1");
}

TEST_F(AnthropicProviderTest, OverloadedKeepsItsStatus) {
    expectOpenAiError(chat(chatBody("claude-529", false)), 529);
}

TEST_F(AnthropicProviderTest, PromptTooLongIsA400WithAnthropicsMessage) {
    const auto error = expectOpenAiError(chat(chatBody("claude-context", false)), 400);
    EXPECT_NE(error->getValue<std::string>("message").find("prompt is too long"), std::string::npos);
}

TEST_F(AnthropicProviderTest, WhatAnthropicCannotDoIsRefusedBeforeTheUpstream) {
    expectOpenAiError(chat(chatBody("claude", false, R"(,"n":2)")), 400);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(AnthropicProviderTest, AStreamCutBeforeMessageStopEndsInAnError) {
    SseStream stream(port(), chatBody("claude-cut", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.error) << "the truncated answer must not pass as complete";
    EXPECT_FALSE(summary.done);
}

TEST_F(AnthropicProviderTest, AnErrorEventMidStreamEndsInAnError) {
    SseStream stream(port(), chatBody("claude-overloaded", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const StreamSummary summary = summarize(stream.readAll());
    EXPECT_TRUE(summary.error);
    EXPECT_FALSE(summary.done);
    EXPECT_EQ(summary.text, "Hello f");  // the first of the fake reply's three deltas, sent before the error
}

// Anthropic reports usage in its own events; the provider puts it on the finish chunk, and the
// gateway must not add a second usage chunk.
TEST_F(AnthropicProviderTest, IncludeUsageGetsExactlyOneUsageOnATranslatedStream) {
    SseStream stream(port(), chatBody("claude", true, R"(,"stream_options":{"include_usage":true})"), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const std::vector<std::string> events = stream.readAll();
    ASSERT_GE(events.size(), 3u);
    EXPECT_EQ(events.back(), "[DONE]");
    int with_usage = 0;
    for (std::size_t i = 0; i + 1 < events.size(); ++i)
        if (const auto usage = parseObject(events[i])->getObject("usage")) {
            ++with_usage;
            EXPECT_GT(usage->getValue<int>("completion_tokens"), 0);
        }
    EXPECT_EQ(with_usage, 1);
}

}  // namespace
}  // namespace portico::itest
