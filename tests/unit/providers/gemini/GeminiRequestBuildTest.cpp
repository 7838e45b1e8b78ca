// GeminiProvider::buildRequest: URLs, the key header, native pass-through, embeddings.
#include <gtest/gtest.h>

#include "GeminiEmbeddings.h"
#include "GeminiTestSupport.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using test::parse;
using test::str;

test::RecordedRequest build(const portico_call& call, const std::string& body) {
    test::RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_EQ(GeminiProvider().buildRequest(call, body, out), PORTICO_OK);
    return recorded;
}

TEST(GeminiRequestBuildTest, KeyGoesInTheHeaderNeverTheUrl) {
    const auto request = build(test::makeCall(), R"({"messages":[{"role":"user","content":"x"}]})");
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
    EXPECT_EQ(request.header("x-goog-api-key"), "AIza-test-key");
    EXPECT_EQ(request.url.find("key="), std::string::npos);
    EXPECT_EQ(request.url.find("AIza"), std::string::npos);
}

TEST(GeminiRequestBuildTest, StreamUsesSseAndApiBaseIsHonoured) {
    portico_call call = test::makeCall(PORTICO_OP_CHAT, true);
    call.api_base = PORTICO_STR("http://127.0.0.1:9/");
    EXPECT_EQ(build(call, R"({"messages":[]})").url, "http://127.0.0.1:9/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    call.api_base = PORTICO_STR("http://127.0.0.1:9/v1beta");
    EXPECT_EQ(build(call, R"({"messages":[]})").url, "http://127.0.0.1:9/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
}

TEST(GeminiRequestBuildTest, NativeBodyIsForwardedUnchanged) {
    const std::string native = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}],"safetySettings":[]})";
    const auto request = build(test::makeCall(PORTICO_OP_CHAT, false, PORTICO_FORMAT_GEMINI), native);
    EXPECT_EQ(request.body, native);
}

TEST(GeminiRequestBuildTest, SingleEmbeddingInputUsesEmbedContent) {
    const auto request = build(test::makeCall(PORTICO_OP_EMBEDDINGS), R"({"model":"m","input":"hello","dimensions":3})");
    EXPECT_EQ(request.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:embedContent");
    simdjson::dom::parser parser;
    const auto body = parse(parser, request.body);
    EXPECT_EQ(str(body["content"]["parts"].at(0)["text"]), "hello");
    EXPECT_EQ(body["outputDimensionality"].get_uint64().value(), 3u);
}

TEST(GeminiRequestBuildTest, EmbeddingArrayUsesBatchEmbedContents) {
    const auto request = build(test::makeCall(PORTICO_OP_EMBEDDINGS), R"({"model":"m","input":["a","b"]})");
    EXPECT_TRUE(request.url.ends_with(":batchEmbedContents")) << request.url;
    simdjson::dom::parser parser;
    const auto body = parse(parser, request.body);
    ASSERT_EQ(body["requests"].get_array().value().size(), 2u);
    EXPECT_EQ(str(body["requests"].at(0)["model"]), "models/gemini-2.5-flash");
    EXPECT_EQ(str(body["requests"].at(1)["content"]["parts"].at(0)["text"]), "b");
}

TEST(GeminiRequestBuildTest, TokenArrayEmbeddingInputIsUnsupported) {
    test::RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    try {
        GeminiProvider().buildRequest(test::makeCall(PORTICO_OP_EMBEDDINGS), R"({"input":[[1,2,3]]})", out);
        FAIL();
    } catch (const plugin_common::PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UNSUPPORTED);
    }
}

TEST(GeminiRequestBuildTest, EmbeddingResponsesBecomeAnOpenAiList) {
    simdjson::dom::parser p1, p2;
    const auto single = parse(p1, translateEmbeddingResponse(R"({"embedding":{"values":[0.5,-0.25,1]}})", "m"));
    EXPECT_EQ(str(single["object"]), "list");
    EXPECT_EQ(str(single["data"].at(0)["object"]), "embedding");
    EXPECT_DOUBLE_EQ(single["data"].at(0)["embedding"].at(1).get_double().value(), -0.25);
    const auto batch = parse(p2, translateEmbeddingResponse(R"({"embeddings":[{"values":[0.1]},{"values":[0.2,0.3]}]})", "m"));
    ASSERT_EQ(batch["data"].get_array().value().size(), 2u);
    EXPECT_EQ(batch["data"].at(1)["index"].get_uint64().value(), 1u);
    EXPECT_EQ(batch["data"].at(1)["embedding"].get_array().value().size(), 2u);
    EXPECT_THROW(translateEmbeddingResponse(R"({"nope":1})", "m"), plugin_common::PluginError);
}

}  // namespace
}  // namespace portico::gemini
