// The request the provider builds (URL, headers, body per call kind) and how it reads answers:
// chat.completion translation, native pass-through, count_tokens, and every kind of error body.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../openai/RecordingSinks.h"
#include "AnthropicProvider.h"
#include "common/PluginError.h"

namespace portico::anthropic {
namespace {

using openai::testing::RecordedRequest;
using openai::testing::writerTo;
using plugin_common::PluginError;

constexpr std::string_view kCanonical = R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]})";

portico_call chatCall(const char* api_base = "", uint32_t flags = 0) {
    portico_call call = openai::testing::callFor(PORTICO_OP_CHAT, api_base, "sk-ant-1", flags);
    call.model = PORTICO_STR("claude-sonnet-4-5");
    return call;
}

portico_call nativeCall(uint32_t operation = PORTICO_OP_CHAT) {
    portico_call call = chatCall();
    call.operation = operation;
    call.body_format = PORTICO_FORMAT_ANTHROPIC;
    return call;
}

RecordedRequest built(const portico_call& call, std::string_view body = kCanonical) {
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_EQ(AnthropicProvider().buildRequest(call, body, out), PORTICO_OK);
    return recorded;
}

struct Parsed {
    std::string body;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
};

Parsed parsed(const portico_call& call, std::string_view body, int32_t status = 200) {
    Parsed result;
    portico_writer out = writerTo(result.body);
    EXPECT_EQ(AnthropicProvider().parseResponse(call, status, nullptr, 0, body, out, &result.usage), PORTICO_OK);
    return result;
}

PluginError errorOf(int32_t status, std::string_view body, const std::vector<portico_header>& headers = {}) {
    std::string ignored;
    portico_writer out = writerTo(ignored);
    try {
        AnthropicProvider().parseResponse(chatCall(), status, headers.data(), headers.size(), body, out, nullptr);
    } catch (const PluginError& e) {
        return e;
    }
    ADD_FAILURE() << "status " << status << " did not throw";
    return PluginError(PORTICO_OK, 0, "");
}

TEST(AnthropicProviderTest, PostsToMessagesUnderTheDefaultOrGivenBase) {
    EXPECT_EQ(built(chatCall()).url, "https://api.anthropic.com/v1/messages");
    EXPECT_EQ(built(chatCall()).method, "POST");
    EXPECT_EQ(built(chatCall("http://127.0.0.1:9")).url, "http://127.0.0.1:9/v1/messages");
    // LiteLLM configs often write the base with /v1 (and a slash): not doubled.
    EXPECT_EQ(built(chatCall("http://127.0.0.1:9/v1/")).url, "http://127.0.0.1:9/v1/messages");
}

TEST(AnthropicProviderTest, KeyVersionAndContentTypeHeaders) {
    const RecordedRequest r = built(chatCall());
    EXPECT_EQ(r.header("x-api-key"), "sk-ant-1");
    EXPECT_EQ(r.header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(r.header("anthropic-beta"), "<absent>");
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.header("authorization"), "<absent>");
    EXPECT_EQ(built(chatCall("", PORTICO_CALL_STREAM)).header("accept"), "text/event-stream");
}

TEST(AnthropicProviderTest, ClientVersionAndBetaAreForwarded) {
    const portico_header client[] = {{PORTICO_STR("anthropic-version"), PORTICO_STR("2024-01-01")},
                                     {PORTICO_STR("anthropic-beta"), PORTICO_STR("prompt-caching-2024-07-31")}};
    portico_call call = chatCall();
    call.client_headers = client;
    call.client_header_count = 2;
    const RecordedRequest r = built(call);
    EXPECT_EQ(r.header("anthropic-version"), "2024-01-01");
    EXPECT_EQ(r.header("anthropic-beta"), "prompt-caching-2024-07-31");
}

TEST(AnthropicProviderTest, AnOlderHostsCallWithoutClientHeadersGetsTheDefaultVersion) {
    portico_call call = chatCall();
    call.struct_size = offsetof(portico_call, body_format);  // an ABI 1.0 host
    call.body_format = PORTICO_FORMAT_ANTHROPIC;             // beyond its size: must not be read
    const RecordedRequest r = built(call);
    EXPECT_EQ(r.header("anthropic-version"), "2023-06-01");
    EXPECT_NE(r.body, kCanonical);  // translated, not passed through
}

TEST(AnthropicProviderTest, CanonicalBodyIsTranslatedAndStreamIsSetFromTheCall) {
    EXPECT_EQ(built(chatCall()).body,
              R"({"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]})");
    EXPECT_NE(built(chatCall("", PORTICO_CALL_STREAM)).body.find(R"("stream":true)"), std::string::npos);
}

TEST(AnthropicProviderTest, NativeBodyPassesThroughUnchanged) {
    // Not a canonical body at all (system string, Anthropic blocks, top_k): forwarded byte for byte.
    const std::string native =
        R"({"model":"claude-sonnet-4-5","max_tokens":50,"system":"Be terse.","top_k":5,)"
        R"("messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]})";
    const RecordedRequest r = built(nativeCall(), native);
    EXPECT_EQ(r.body, native);
    EXPECT_EQ(r.url, "https://api.anthropic.com/v1/messages");
    EXPECT_EQ(r.header("x-api-key"), "sk-ant-1");
}

TEST(AnthropicProviderTest, CountTokensPostsTheBodyUnchangedAndAnswersUnchanged) {
    const std::string body = R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]})";
    const RecordedRequest r = built(nativeCall(PORTICO_OP_COUNT_TOKENS), body);
    EXPECT_EQ(r.url, "https://api.anthropic.com/v1/messages/count_tokens");
    EXPECT_EQ(r.body, body);
    const Parsed answer = parsed(nativeCall(PORTICO_OP_COUNT_TOKENS), R"({"input_tokens":14})");
    EXPECT_EQ(answer.body, R"({"input_tokens":14})");
    EXPECT_EQ(answer.usage.prompt_tokens, 0u);  // an estimate: nothing was spent
}

TEST(AnthropicProviderTest, OtherOperationsAreUnsupported) {
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    portico_call call = chatCall();
    call.operation = PORTICO_OP_EMBEDDINGS;
    try {
        AnthropicProvider().buildRequest(call, "{}", out);
        FAIL() << "embeddings are not an Anthropic operation";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UNSUPPORTED);
    }
    EXPECT_TRUE(recorded.url.empty());
}

TEST(AnthropicProviderTest, MessageBecomesChatCompletionWithTextToolCallsAndUsage) {
    const Parsed answer = parsed(chatCall(), R"({"id":"msg_01","type":"message","role":"assistant",
        "model":"claude-sonnet-4-5-20250929",
        "content":[{"type":"text","text":"4 °C"},{"type":"text","text":" now."},
                   {"type":"tool_use","id":"toolu_02","name":"get_time","input":{"tz":"Europe/Oslo"}}],
        "stop_reason":"tool_use","stop_sequence":null,
        "usage":{"input_tokens":210,"output_tokens":31,"cache_creation_input_tokens":7,"cache_read_input_tokens":100}})");
    const std::string prefix = R"({"id":"msg_01","object":"chat.completion","created":)";
    ASSERT_EQ(answer.body.substr(0, prefix.size()), prefix) << answer.body;
    const std::string rest = answer.body.substr(answer.body.find(",\"model\""));
    EXPECT_EQ(rest,
              R"(,"model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"message":{"role":"assistant","content":"4 °C now.",)"
              R"("tool_calls":[{"id":"toolu_02","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"Europe/Oslo\"}"}}]},)"
              R"("logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":317,"completion_tokens":31,"total_tokens":348,)"
              R"("prompt_tokens_details":{"cached_tokens":100},"cache_read_input_tokens":100,"cache_creation_input_tokens":7}})");
    EXPECT_EQ(answer.usage.prompt_tokens, 317u);  // input + cache reads + cache writes, OpenAI's meaning
    EXPECT_EQ(answer.usage.completion_tokens, 31u);
    EXPECT_EQ(answer.usage.total_tokens, 348u);
    EXPECT_EQ(answer.usage.cached_tokens, 100u);
    EXPECT_EQ(answer.usage.cache_creation_tokens, 7u);
}

TEST(AnthropicProviderTest, ToolCallsOnlyHaveNullContentAndEmptyAnswersEmptyContent) {
    EXPECT_NE(parsed(chatCall(), R"({"id":"m","model":"c","content":[{"type":"tool_use","id":"t","name":"f","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}})")
                  .body.find(R"("content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}])"),
              std::string::npos);
    EXPECT_NE(parsed(chatCall(), R"({"id":"m","model":"c","content":[],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":0}})")
                  .body.find(R"("message":{"role":"assistant","content":""},"logprobs":null,"finish_reason":"stop")"),
              std::string::npos);
}

TEST(AnthropicProviderTest, StopReasonsMapToFinishReasons) {
    const auto finish = [](const std::string& reason) {
        const std::string body = parsed(chatCall(), R"({"id":"m","model":"c","content":[{"type":"text","text":"x"}],"stop_reason":)" +
                                                        reason + R"(,"usage":{"input_tokens":1,"output_tokens":1}})")
                                     .body;
        const auto at = body.find(R"("finish_reason":")") + 17;
        return body.substr(at, body.find('"', at) - at);
    };
    EXPECT_EQ(finish(R"("end_turn")"), "stop");
    EXPECT_EQ(finish(R"("stop_sequence")"), "stop");
    EXPECT_EQ(finish(R"("max_tokens")"), "length");
    EXPECT_EQ(finish(R"("tool_use")"), "tool_calls");
    EXPECT_EQ(finish(R"("refusal")"), "content_filter");
    EXPECT_EQ(finish(R"("pause_turn")"), "stop");
}

TEST(AnthropicProviderTest, NativeResponsePassesThroughWithItsUsage) {
    const std::string body = R"({"id":"msg_9","type":"message","role":"assistant","model":"c","content":[{"type":"text","text":"Hi"}],)"
                             R"("stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2,"cache_read_input_tokens":3}})";
    const Parsed answer = parsed(nativeCall(), body);
    EXPECT_EQ(answer.body, body);
    EXPECT_EQ(answer.usage.prompt_tokens, 8u);
    EXPECT_EQ(answer.usage.completion_tokens, 2u);
    EXPECT_EQ(answer.usage.cached_tokens, 3u);
}

TEST(AnthropicProviderTest, RateLimitKeepsStatusClassAndRetryAfter) {
    const std::vector<portico_header> headers = {{PORTICO_STR("retry-after"), PORTICO_STR("7")}};
    const PluginError e = errorOf(429, R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})", headers);
    EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
    EXPECT_EQ(e.httpStatus(), 429);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    EXPECT_EQ(e.retryAfterMs(), 7000u);
    EXPECT_STREQ(e.what(), "Number of request tokens has exceeded your per-minute rate limit");
}

TEST(AnthropicProviderTest, OverloadedAndContextWindowAreClassified) {
    const PluginError overloaded = errorOf(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    EXPECT_EQ(overloaded.httpStatus(), 529);
    EXPECT_EQ(overloaded.errorClass(), PORTICO_ERROR_CLASS_OVERLOADED);
    const PluginError context = errorOf(400, R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}})");
    EXPECT_EQ(context.errorClass(), PORTICO_ERROR_CLASS_CONTEXT_WINDOW);
    EXPECT_EQ(errorOf(401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})").errorClass(),
              PORTICO_ERROR_CLASS_AUTHENTICATION);
}

TEST(AnthropicProviderTest, AnHtmlErrorPageKeepsItsStatus) {
    const PluginError e = errorOf(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    EXPECT_EQ(e.httpStatus(), 502);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_SERVER);
    EXPECT_NE(std::string(e.what()).find("HTTP 502 without an Anthropic error body"), std::string::npos) << e.what();
}

TEST(AnthropicProviderTest, ASuccessThatIsHtmlIsABadGateway) {
    std::string ignored;
    portico_writer out = writerTo(ignored);
    try {
        AnthropicProvider().parseResponse(chatCall(), 200, nullptr, 0, "<html>maintenance</html>", out, nullptr);
        FAIL() << "an HTML 200 is not a message";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_EQ(e.httpStatus(), 502);
    }
}

}  // namespace
}  // namespace portico::anthropic
