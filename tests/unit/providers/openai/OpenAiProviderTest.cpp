#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "OpenAiProvider.h"
#include "OpenAiTarget.h"
#include "RecordingSinks.h"
#include "common/PluginError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using testing::callFor;
using testing::RecordedRequest;
using testing::writerTo;

OpenAiProvider provider(std::string_view config = "{}") {
    return OpenAiProvider(std::make_unique<OpenAiTarget>(config));
}

RecordedRequest built(const OpenAiProvider& p, const portico_call& call, std::string_view body = R"({"model":"m"})") {
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_EQ(p.buildRequest(call, body, out), PORTICO_OK);
    return recorded;
}

TEST(OpenAiProviderTest, EachOperationPostsToItsPathUnderTheApiBase) {
    const OpenAiProvider p = provider();
    const char* base = "http://127.0.0.1:9/v1/";  // trailing slash: joined without a double one
    EXPECT_EQ(built(p, callFor(PORTICO_OP_CHAT, base, "k")).url, "http://127.0.0.1:9/v1/chat/completions");
    EXPECT_EQ(built(p, callFor(PORTICO_OP_COMPLETIONS, base, "k")).url, "http://127.0.0.1:9/v1/completions");
    EXPECT_EQ(built(p, callFor(PORTICO_OP_EMBEDDINGS, base, "k")).url, "http://127.0.0.1:9/v1/embeddings");
    EXPECT_EQ(built(p, callFor(PORTICO_OP_RESPONSES, base, "k")).url, "http://127.0.0.1:9/v1/responses");
    EXPECT_EQ(built(p, callFor(PORTICO_OP_CHAT, base, "k")).method, "POST");
}

TEST(OpenAiProviderTest, EmptyApiBaseMeansApiOpenAiCom) {
    EXPECT_EQ(built(provider(), callFor(PORTICO_OP_EMBEDDINGS, "", "k")).url, "https://api.openai.com/v1/embeddings");
}

TEST(OpenAiProviderTest, BodyPassesThroughWithBearerKeyAndOrganization) {
    const std::string body = R"({"model":"text-embedding-3-small","input":["a","b"]})";
    const RecordedRequest r =
        built(provider(R"({"organization":"org-7"})"), callFor(PORTICO_OP_EMBEDDINGS, "", "sk-1"), body);
    EXPECT_EQ(r.body, body);
    EXPECT_EQ(r.header("Authorization"), "Bearer sk-1");
    EXPECT_EQ(r.header("OpenAI-Organization"), "org-7");
    EXPECT_EQ(r.header("Content-Type"), "application/json");
}

TEST(OpenAiProviderTest, NoKeyNoAuthorizationHeader) {
    EXPECT_EQ(built(provider(), callFor(PORTICO_OP_CHAT, "http://localhost:11434/v1", "")).header("Authorization"),
              "<absent>");
}

TEST(OpenAiProviderTest, StreamingCallsAcceptEventStreamButEmbeddingsNever) {
    EXPECT_EQ(built(provider(), callFor(PORTICO_OP_RESPONSES, "", "k", PORTICO_CALL_STREAM)).header("Accept"),
              "text/event-stream");
    EXPECT_EQ(built(provider(), callFor(PORTICO_OP_EMBEDDINGS, "", "k", PORTICO_CALL_STREAM)).header("Accept"),
              "application/json");
}

TEST(OpenAiProviderTest, UnknownOperationIsUnsupported) {
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    try {
        provider().buildRequest(callFor(PORTICO_OP_COUNT_TOKENS, "", "k"), "{}", out);
        FAIL() << "count_tokens is not an OpenAI operation";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UNSUPPORTED);
    }
}

TEST(OpenAiProviderTest, NonStringOrganizationRefusesTheDeployment) {
    try {
        provider(R"({"organization":7})");
        FAIL() << "a numeric organization must refuse the deployment";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_INVALID);
        EXPECT_NE(std::string(e.what()).find("organization"), std::string::npos);
    }
}

TEST(OpenAiProviderTest, EmbeddingsUsageIsPromptTokensAndTotal) {
    const std::string body =
        R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2]}],)"
        R"("model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}})";
    std::string out;
    portico_writer writer = writerTo(out);
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(provider().parseResponse(200, nullptr, 0, body, writer, &usage), PORTICO_OK);
    EXPECT_EQ(out, body);
    EXPECT_EQ(usage.prompt_tokens, 8u);
    EXPECT_EQ(usage.completion_tokens, 0u);
    EXPECT_EQ(usage.total_tokens, 8u);
}

TEST(OpenAiProviderTest, ResponsesObjectUsageMapsInputAndOutputTokens) {
    const std::string body =
        R"({"id":"resp_1","object":"response","status":"completed","error":null,"output":[],)"
        R"("usage":{"input_tokens":80,"input_tokens_details":{"cached_tokens":64},"output_tokens":7,)"
        R"("output_tokens_details":{"reasoning_tokens":3},"total_tokens":87}})";
    std::string out;
    portico_writer writer = writerTo(out);
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(provider().parseResponse(200, nullptr, 0, body, writer, &usage), PORTICO_OK);
    EXPECT_EQ(usage.prompt_tokens, 80u);
    EXPECT_EQ(usage.completion_tokens, 7u);
    EXPECT_EQ(usage.total_tokens, 87u);
    EXPECT_EQ(usage.cached_tokens, 64u);
    EXPECT_EQ(usage.reasoning_tokens, 3u);
}

PluginError errorOf(int32_t status, std::string_view body, const portico_header* headers = nullptr, size_t count = 0) {
    std::string out;
    portico_writer writer = writerTo(out);
    try {
        provider().parseResponse(status, headers, count, body, writer, nullptr);
    } catch (const PluginError& e) {
        return e;
    }
    ADD_FAILURE() << "HTTP " << status << " was not an error";
    return PluginError(PORTICO_OK, 0, "");
}

TEST(OpenAiProviderTest, RateLimitKeepsStatusMessageClassAndRetryAfter) {
    const portico_header headers[] = {{PORTICO_STR("retry-after-ms"), PORTICO_STR("1500")}};
    const PluginError e = errorOf(
        429, R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})",
        headers, 1);
    EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
    EXPECT_EQ(e.httpStatus(), 429);
    EXPECT_STREQ(e.what(), "Rate limit reached");
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    EXPECT_EQ(e.retryAfterMs(), 1500u);
}

TEST(OpenAiProviderTest, ContextLengthCodeIsTheContextWindowClass) {
    const PluginError e = errorOf(
        400, R"({"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error",)"
             R"("param":"messages","code":"context_length_exceeded"}})");
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_CONTEXT_WINDOW);
}

TEST(OpenAiProviderTest, ContentFilterCodeIsTheContentPolicyClass) {
    // Azure's filtered-prompt answer (wire-formats.md §6).
    const PluginError e = errorOf(
        400, R"({"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter",)"
             R"("status":400,"innererror":{"code":"ResponsibleAIPolicyViolation"}}})");
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_CONTENT_POLICY);
}

TEST(OpenAiProviderTest, NonJsonErrorBodyKeepsTheStatus) {
    const PluginError e = errorOf(503, "<html>Service Unavailable</html>");
    EXPECT_EQ(e.httpStatus(), 503);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_OVERLOADED);
    EXPECT_STREQ(e.what(), "upstream returned HTTP 503");
}

}  // namespace
}  // namespace portico::openai
