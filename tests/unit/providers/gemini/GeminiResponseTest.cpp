// Gemini responses (success and error) -> chat.completion through GeminiProvider::parseResponse.
#include <gtest/gtest.h>

#include "GeminiTestSupport.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using test::parse;
using test::str;

struct Parsed {
    std::string body;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
};

Parsed parseOk(const std::string& gemini, portico_call call = test::makeCall()) {
    Parsed parsed;
    portico_writer out = test::stringWriter(parsed.body);
    EXPECT_EQ(GeminiProvider().parseResponse(call, 200, nullptr, 0, gemini, out, &parsed.usage), PORTICO_OK);
    return parsed;
}

PluginError parseError(int32_t status, const std::string& body, const portico_header* headers = nullptr, size_t count = 0) {
    std::string ignored;
    portico_writer out = test::stringWriter(ignored);
    try {
        GeminiProvider().parseResponse(test::makeCall(), status, headers, count, body, out, nullptr);
    } catch (const PluginError& e) {
        return e;
    }
    ADD_FAILURE() << "no PluginError for HTTP " << status;
    return PluginError(PORTICO_OK, 0, "");
}

TEST(GeminiResponseTest, TextPartsAreJoinedAndUsageIsTranslated) {
    const Parsed parsed = parseOk(R"({"candidates":[{"index":0,"finishReason":"STOP",
        "content":{"role":"model","parts":[{"text":"thinking...","thought":true},{"text":"4 °C "},{"text":"in Oslo."}]}}],
        "usageMetadata":{"promptTokenCount":95,"candidatesTokenCount":8,"thoughtsTokenCount":5,"cachedContentTokenCount":20,"totalTokenCount":108},
        "modelVersion":"gemini-2.5-flash","responseId":"abc123"})");
    simdjson::dom::parser parser;
    const auto body = parse(parser, parsed.body);
    EXPECT_EQ(str(body["object"]), "chat.completion");
    EXPECT_EQ(str(body["id"]), "chatcmpl-abc123");
    EXPECT_EQ(str(body["model"]), "gemini-2.5-flash");
    auto choice = body["choices"].at(0);
    EXPECT_EQ(str(choice["message"]["role"]), "assistant");
    EXPECT_EQ(str(choice["message"]["content"]), "4 °C in Oslo.");
    EXPECT_EQ(str(choice["message"]["reasoning_content"]), "thinking...");
    EXPECT_EQ(str(choice["finish_reason"]), "stop");
    EXPECT_EQ(body["usage"]["prompt_tokens"].get_uint64().value(), 95u);
    EXPECT_EQ(body["usage"]["completion_tokens"].get_uint64().value(), 13u) << "candidates + thoughts";
    EXPECT_EQ(body["usage"]["total_tokens"].get_uint64().value(), 108u);
    EXPECT_EQ(body["usage"]["prompt_tokens_details"]["cached_tokens"].get_uint64().value(), 20u);
    EXPECT_EQ(body["usage"]["completion_tokens_details"]["reasoning_tokens"].get_uint64().value(), 5u);
    EXPECT_EQ(parsed.usage.prompt_tokens, 95u);
    EXPECT_EQ(parsed.usage.completion_tokens, 13u);
    EXPECT_EQ(parsed.usage.cached_tokens, 20u);
    EXPECT_EQ(parsed.usage.reasoning_tokens, 5u);
}

TEST(GeminiResponseTest, EmptyContentIsNullNotAnError) {
    const Parsed parsed = parseOk(R"({"candidates":[{"finishReason":"MAX_TOKENS","content":{"role":"model"}}]})");
    simdjson::dom::parser parser;
    const auto body = parse(parser, parsed.body);
    EXPECT_TRUE(body["choices"].at(0)["message"]["content"].is_null());
    EXPECT_EQ(str(body["choices"].at(0)["finish_reason"]), "length");
}

TEST(GeminiResponseTest, FunctionCallsBecomeToolCalls) {
    const Parsed parsed = parseOk(R"({"candidates":[{"finishReason":"STOP","content":{"role":"model","parts":[
        {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}},{"functionCall":{"name":"get_time"}}]}}]})");
    simdjson::dom::parser parser;
    const auto body = parse(parser, parsed.body);
    auto choice = body["choices"].at(0);
    EXPECT_EQ(str(choice["finish_reason"]), "tool_calls");
    EXPECT_TRUE(choice["message"]["content"].is_null());
    auto calls = choice["message"]["tool_calls"];
    const std::string id0 = str(calls.at(0)["id"]), id1 = str(calls.at(1)["id"]);
    EXPECT_TRUE(id0.starts_with("call_")) << id0;
    EXPECT_NE(id0, id1);
    EXPECT_EQ(str(calls.at(0)["type"]), "function");
    EXPECT_EQ(str(calls.at(0)["function"]["name"]), "get_weather");
    EXPECT_EQ(str(calls.at(0)["function"]["arguments"]), R"({"city":"Oslo"})");
    EXPECT_EQ(str(calls.at(1)["function"]["arguments"]), "{}");
}

TEST(GeminiResponseTest, SafetyFinishReasonsAreContentFilter) {
    for (const char* reason : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT"}) {
        const Parsed parsed = parseOk(std::string(R"({"candidates":[{"finishReason":")") + reason + R"("}]})");
        simdjson::dom::parser parser;
        EXPECT_EQ(str(parse(parser, parsed.body)["choices"].at(0)["finish_reason"]), "content_filter") << reason;
    }
}

TEST(GeminiResponseTest, BlockedPromptIsAnEmptyContentFilterChoice) {
    const Parsed parsed = parseOk(R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}})");
    simdjson::dom::parser parser;
    const auto body = parse(parser, parsed.body);
    EXPECT_EQ(str(body["choices"].at(0)["finish_reason"]), "content_filter");
    EXPECT_TRUE(body["choices"].at(0)["message"]["content"].is_null());
    EXPECT_EQ(parsed.usage.prompt_tokens, 7u);
}

TEST(GeminiResponseTest, GoogleErrorBodyKeepsStatusMessageAndRetryAfter) {
    const portico_header headers[] = {{PORTICO_STR("Retry-After"), PORTICO_STR("7")}};
    const PluginError e = parseError(429, R"({"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}})",
                                     headers, 1);
    EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
    EXPECT_EQ(e.httpStatus(), 429);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    EXPECT_EQ(e.retryAfterMs(), 7000u);
    EXPECT_STREQ(e.what(), "Resource has been exhausted (e.g. check quota).");
}

TEST(GeminiResponseTest, InvalidApiKeyIs401LikeLiteLlm) {
    const PluginError e = parseError(400, R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
        "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}})");
    EXPECT_EQ(e.httpStatus(), 401);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_AUTHENTICATION);
}

TEST(GeminiResponseTest, ContextWindowErrorIsClassified) {
    const PluginError e = parseError(400, R"({"error":{"code":400,"message":"The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}})");
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_CONTEXT_WINDOW);
}

TEST(GeminiResponseTest, HtmlErrorPageKeepsTheStatus) {
    const PluginError e = parseError(502, "<html><body>Bad Gateway</body></html>");
    EXPECT_EQ(e.httpStatus(), 502);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_SERVER);
    EXPECT_NE(std::string(e.what()).find("502"), std::string::npos);
}

TEST(GeminiResponseTest, HtmlWithStatus200IsA502) {
    const PluginError e = [] {
        std::string ignored;
        portico_writer out = test::stringWriter(ignored);
        try {
            GeminiProvider().parseResponse(test::makeCall(), 200, nullptr, 0, "<html>oops</html>", out, nullptr);
        } catch (const PluginError& error) {
            return error;
        }
        return PluginError(PORTICO_OK, 0, "");
    }();
    EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
    EXPECT_EQ(e.httpStatus(), 502);
}

TEST(GeminiResponseTest, NativeResponseIsWrittenUnchangedWithUsage) {
    const std::string gemini = R"({"candidates":[{"finishReason":"STOP","content":{"role":"model","parts":[{"text":"hi"}]}}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}})";
    const Parsed parsed = parseOk(gemini, test::makeCall(PORTICO_OP_CHAT, false, PORTICO_FORMAT_GEMINI));
    EXPECT_EQ(parsed.body, gemini);
    EXPECT_EQ(parsed.usage.total_tokens, 4u);
}

}  // namespace
}  // namespace portico::gemini
