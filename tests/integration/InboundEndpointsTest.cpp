// The OpenAI endpoints beside chat, through the one pipeline: /v1/completions translated to chat
// for a provider without native completions, /v1/embeddings for providers that declare it (with
// OpenAI's base64 encoding done by the gateway), /v1/models/{id}, the /v2 alias and the key
// headers other SDKs send.
#include <gtest/gtest.h>

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>

#include <cstring>
#include <iterator>
#include <sstream>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

class InboundEndpointsTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.extra_models = "  - model_name: gemini-embed\n    litellm_params: {model: gemini/text-embedding-004, api_base: \"" +
                              fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
    }
    HttpResponse post(const std::string& path, const std::string& body) const {
        return httpPostJson(port(), path, body, kMasterKey);
    }
};

/// The `data:` payloads of an SSE body read whole.
std::vector<std::string> sseData(const std::string& body) {
    std::vector<std::string> events;
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("data: ", 0) == 0) events.push_back(line.substr(6));
    return events;
}

TEST_F(InboundEndpointsTest, CompletionsAreTranslatedToChatForAProviderWithoutThem) {
    const auto response = post("/v1/completions", R"({"model":"demo","prompt":"Say hi","max_tokens":5})");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "text_completion");
    const auto choice = body->getArray("choices")->getObject(0);
    EXPECT_EQ(choice->getValue<std::string>("text"), "Hello from the mock.");
    EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
    EXPECT_TRUE(choice->isNull("logprobs"));
    EXPECT_GT(body->getObject("usage")->getValue<int>("total_tokens"), 0);
}

TEST_F(InboundEndpointsTest, StreamedCompletionsAreTextCompletionChunksEndingInDone) {
    const auto response = post("/v1/completions", R"({"model":"demo","prompt":["Say hi"],"stream":true})");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = sseData(response.body);
    ASSERT_GE(events.size(), 2u) << response.body;
    EXPECT_EQ(events.back(), "[DONE]");
    std::string text;
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        const auto chunk = parseObject(events[i]);
        EXPECT_EQ(chunk->getValue<std::string>("object"), "text_completion") << events[i];
        const auto choices = chunk->getArray("choices");
        if (choices->size() > 0) text += choices->getObject(0)->optValue<std::string>("text", "");
    }
    EXPECT_EQ(text, "Hello from the mock.");
}

TEST_F(InboundEndpointsTest, CompletionsRefuseWhatChatCannotCarry) {
    const auto several = post("/v1/completions", R"({"model":"demo","prompt":["a","b"]})");
    EXPECT_EQ(expectOpenAiError(several, 400)->getValue<std::string>("param"), "prompt");
    const auto echo = post("/v1/completions", R"({"model":"demo","prompt":"a","echo":true})");
    EXPECT_EQ(expectOpenAiError(echo, 400)->getValue<std::string>("param"), "echo");
    expectOpenAiError(post("/v1/completions", R"({"model":"demo"})"), 400);
}

TEST_F(InboundEndpointsTest, EmbeddingsReachAProviderThatDeclaresThem) {
    const auto response = post("/v1/embeddings", R"({"model":"gemini-embed","input":["one","two"]})");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto data = response.json()->getArray("data");
    ASSERT_EQ(data->size(), 2u);
    EXPECT_EQ(data->getObject(1)->getValue<int>("index"), 1);
    EXPECT_GT(data->getObject(0)->getArray("embedding")->size(), 0u);
}

TEST_F(InboundEndpointsTest, Base64EmbeddingsAreTheFloatsAsLittleEndianFloat32) {
    const auto floats = post("/v1/embeddings", R"({"model":"gemini-embed","input":"one"})");
    const auto encoded = post("/v1/embeddings", R"({"model":"gemini-embed","input":"one","encoding_format":"base64"})");
    ASSERT_EQ(floats.status, 200) << floats.describe();
    ASSERT_EQ(encoded.status, 200) << encoded.describe();
    const auto values = floats.json()->getArray("data")->getObject(0)->getArray("embedding");
    std::istringstream base64(encoded.json()->getArray("data")->getObject(0)->getValue<std::string>("embedding"));
    Poco::Base64Decoder decoder(base64);
    const std::string bytes((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    ASSERT_EQ(bytes.size(), values->size() * 4);
    for (std::size_t i = 0; i < values->size(); ++i) {
        uint32_t bits = 0;
        for (int b = 0; b < 4; ++b) bits |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i * 4 + b])) << (8 * b);
        float value = 0;
        std::memcpy(&value, &bits, 4);
        EXPECT_FLOAT_EQ(value, static_cast<float>(values->getElement<double>(i))) << "value " << i;
    }
}

TEST_F(InboundEndpointsTest, EmbeddingsOnAModelWhoseProviderLacksThemAreRefused) {
    const auto error = expectOpenAiError(post("/v1/embeddings", R"({"model":"demo","input":"x"})"), 400);
    EXPECT_EQ(error->getValue<std::string>("code"), "unsupported_endpoint");
    expectOpenAiError(post("/v1/embeddings", R"({"model":"demo","input":[]})"), 400);
    expectOpenAiError(post("/v1/embeddings", R"({"model":"demo","input":"x","encoding_format":"hex"})"), 400);
}

TEST_F(InboundEndpointsTest, OneModelByIdAnd404ForAnUnknownOne) {
    const auto found = httpGet(port(), "/v1/models/demo", kMasterKey);
    ASSERT_EQ(found.status, 200) << found.describe();
    EXPECT_EQ(found.json()->getValue<std::string>("id"), "demo");
    EXPECT_EQ(found.json()->getValue<std::string>("object"), "model");
    expectOpenAiError(httpGet(port(), "/v1/models/no-such-model", kMasterKey), 404);
}

TEST_F(InboundEndpointsTest, V2AliasAndEveryKeyHeaderReachTheSamePipeline) {
    const std::string body = R"({"model":"demo","messages":[{"role":"user","content":"hi"}]})";
    EXPECT_EQ(post("/v2/chat/completions", body).status, 200);
    for (const char* header : {"x-api-key", "x-goog-api-key"}) {
        HttpRequest request;
        request.method = "POST";
        request.path = "/v1/chat/completions";
        request.body = body;
        request.headers = {{header, kMasterKey}};
        EXPECT_EQ(httpCall(port(), request).status, 200) << header;
    }
    // ?key= is for Gemini's own routes only.
    expectOpenAiError(httpPostJson(port(), std::string("/v1/chat/completions?key=") + kMasterKey, body, ""), 401);
}

}  // namespace
}  // namespace portico::itest
