// POST /v1beta/models/{model}:generateContent and :streamGenerateContent, Gemini's own API served to
// any provider: passed through to the gemini provider (body unchanged, model from the URL), and
// translated to chat and back for the others (the mock, Anthropic), with Google's error bodies.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <sstream>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

/// The `data:` payloads of an SSE body read whole.
std::vector<Poco::JSON::Object::Ptr> sseObjects(const std::string& body) {
    std::vector<Poco::JSON::Object::Ptr> events;
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("data: ", 0) == 0) events.push_back(parseObject(line.substr(6)));
    return events;
}

/// The texts of a response's first candidate, joined.
std::string candidateText(const Poco::JSON::Object::Ptr& response) {
    std::string text;
    const auto candidates = response->getArray("candidates");
    if (!candidates || candidates->size() == 0) return text;
    const auto parts = candidates->getObject(0)->getObject("content")->getArray("parts");
    for (std::size_t i = 0; parts && i < parts->size(); ++i) text += parts->getObject(i)->optValue<std::string>("text", "");
    return text;
}

Poco::JSON::Object::Ptr expectGoogleError(const HttpResponse& response, int status, const std::string& name) {
    EXPECT_EQ(response.status, status) << response.describe();
    const auto error = response.json()->getObject("error");
    EXPECT_TRUE(error) << response.body;
    if (!error) return new Poco::JSON::Object;
    EXPECT_EQ(error->getValue<int>("code"), status);
    EXPECT_EQ(error->getValue<std::string>("status"), name) << response.body;
    EXPECT_FALSE(error->getValue<std::string>("message").empty());
    return error;
}

class GeminiNativeEndpointTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const auto model = [&](const std::string& name, const std::string& upstream) {
            return "  - model_name: " + name + "\n    litellm_params: {model: " + upstream + ", api_base: \"" +
                   fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
        };
        config.extra_models = model("gemini-flash", "gemini/gemini-2.5-flash") + model("claude-tool", "anthropic/claude-tool");
    }

    /// What the @google/genai SDK sends: the key in x-goog-api-key.
    HttpResponse generate(const std::string& path, const std::string& body, const std::string& key = kMasterKey) const {
        HttpRequest request;
        request.method = "POST";
        request.path = path;
        request.body = body;
        if (!key.empty()) request.headers.emplace_back("x-goog-api-key", key);
        return httpCall(port(), request);
    }

    static constexpr const char* kHello =
        R"({"systemInstruction":{"parts":[{"text":"Be terse."}]},"contents":[{"role":"user","parts":[{"text":"Say hi"}]}],)"
        R"("generationConfig":{"maxOutputTokens":64,"temperature":0.2}})";
};

TEST_F(GeminiNativeEndpointTest, AChatProviderAnswersAsGemini) {
    const auto response = generate("/v1beta/models/demo:generateContent", kHello);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(candidateText(body), "Hello from the mock.");
    const auto candidate = body->getArray("candidates")->getObject(0);
    EXPECT_EQ(candidate->getValue<std::string>("finishReason"), "STOP");
    EXPECT_EQ(candidate->getObject("content")->getValue<std::string>("role"), "model");
    EXPECT_GT(body->getObject("usageMetadata")->getValue<int>("promptTokenCount"), 0);
    EXPECT_GT(body->getObject("usageMetadata")->getValue<int>("totalTokenCount"), 0);
    EXPECT_EQ(body->getValue<std::string>("modelVersion"), "demo");
}

TEST_F(GeminiNativeEndpointTest, AChatProviderStreamsGeminiResponses) {
    const auto response = generate("/v1beta/models/demo:streamGenerateContent?alt=sse", kHello);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = sseObjects(response.body);
    ASSERT_GE(events.size(), 2u) << response.body;
    std::string text;
    for (const auto& event : events) text += candidateText(event);
    EXPECT_EQ(text, "Hello from the mock.");
    EXPECT_EQ(events.back()->getArray("candidates")->getObject(0)->getValue<std::string>("finishReason"), "STOP");
    EXPECT_GT(events.back()->getObject("usageMetadata")->getValue<int>("candidatesTokenCount"), 0);
    EXPECT_EQ(response.body.find("[DONE]"), std::string::npos);
}

TEST_F(GeminiNativeEndpointTest, TheGeminiProviderGetsTheBodyUnchanged) {
    const auto response = generate("/v1beta/models/gemini-flash:generateContent", kHello);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(candidateText(response.json()), "Hello from fake gemini");
    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1beta/models/gemini-2.5-flash:generateContent");
    EXPECT_EQ(upstream->getValue<std::string>("body"), kHello);
    EXPECT_EQ(upstream->getObject("headers")->getValue<std::string>("x-goog-api-key"), kUpstreamKey);
}

TEST_F(GeminiNativeEndpointTest, TheGeminiProvidersStreamIsRelayed) {
    const auto response = generate("/v1beta/models/gemini-flash:streamGenerateContent?alt=sse", kHello);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = sseObjects(response.body);
    ASSERT_FALSE(events.empty()) << response.body;
    std::string text;
    for (const auto& event : events) text += candidateText(event);
    EXPECT_EQ(text, "Hello from fake gemini");
    EXPECT_EQ(response.body.find("chat.completion"), std::string::npos);
}

TEST_F(GeminiNativeEndpointTest, FunctionCallsAreTranslatedForAnotherProvider) {
    const std::string body =
        R"({"contents":[{"role":"user","parts":[{"text":"Weather in Oslo?"}]}],"tools":[{"functionDeclarations":[)"
        R"({"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}],)"
        R"("toolConfig":{"functionCallingConfig":{"mode":"ANY"}}})";
    const auto response = generate("/v1beta/models/claude-tool:generateContent", body);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto parts = response.json()->getArray("candidates")->getObject(0)->getObject("content")->getArray("parts");
    Poco::JSON::Object::Ptr call;
    for (std::size_t i = 0; i < parts->size(); ++i)
        if (parts->getObject(i)->has("functionCall")) call = parts->getObject(i)->getObject("functionCall");
    ASSERT_TRUE(call) << response.body;
    EXPECT_EQ(call->getValue<std::string>("name"), "get_weather");
    EXPECT_EQ(call->getObject("args")->getValue<std::string>("city"), "Oslo");
    const std::string sent = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_NE(sent.find(R"("tool_choice":{"type":"any"})"), std::string::npos) << sent;

    const auto streamed = generate("/v1beta/models/claude-tool:streamGenerateContent?alt=sse", body);
    ASSERT_EQ(streamed.status, 200) << streamed.describe();
    EXPECT_NE(streamed.body.find(R"("functionCall":{"name":"get_weather","args":{"city":"Oslo"})"), std::string::npos)
        << streamed.body;
}

TEST_F(GeminiNativeEndpointTest, TheKeyMayComeInTheQuery) {
    const auto response = generate("/v1beta/models/demo:generateContent?key=" + std::string(kMasterKey), kHello, "");
    ASSERT_EQ(response.status, 200) << response.describe();
    expectGoogleError(generate("/v1beta/models/demo:generateContent?key=sk-wrong", kHello, ""), 401, "UNAUTHENTICATED");
}

TEST_F(GeminiNativeEndpointTest, ErrorsAreGoogleRpcErrors) {
    expectGoogleError(generate("/v1beta/models/no-such-model:generateContent", kHello), 404, "NOT_FOUND");
    expectGoogleError(generate("/v1beta/models/demo:generateContent", R"({"contents":[]})"), 400, "INVALID_ARGUMENT");
    expectGoogleError(generate("/v1beta/models/demo:generateContent", R"({"contents":[{"role":"system","parts":[{"text":"x"}]}]})"),
                      400, "INVALID_ARGUMENT");
    expectGoogleError(generate("/v1beta/models/demo:embedContent", kHello), 404, "NOT_FOUND");
    expectGoogleError(generate("/v1beta/models/demo:generateContent", kHello, "sk-wrong"), 401, "UNAUTHENTICATED");
    const auto built_in = generate("/v1beta/models/demo:generateContent",
                                   R"({"contents":[{"parts":[{"text":"x"}]}],"tools":[{"googleSearch":{}}]})");
    EXPECT_NE(expectGoogleError(built_in, 400, "INVALID_ARGUMENT")->getValue<std::string>("message").find("tools[0]"),
              std::string::npos);
}

}  // namespace
}  // namespace portico::itest
