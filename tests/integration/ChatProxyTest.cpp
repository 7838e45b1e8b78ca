// The happy paths: chat completions proxied to an OpenAI-compatible upstream and served by the
// mock provider, plus the model list and health endpoints.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <set>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class ChatProxyTest : public GatewayTest {};

/// Checks a stream's events: at least one chat.completion.chunk, only JSON before the final
/// [DONE], and returns the concatenated delta content.
std::string expectChunkStream(const std::vector<std::string>& events) {
    EXPECT_FALSE(events.empty());
    if (events.empty()) return {};
    EXPECT_EQ(events.back(), "[DONE]");
    std::string content;
    int chunks = 0;
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        const auto chunk = parseObject(events[i]);
        EXPECT_FALSE(chunk->has("error")) << events[i];
        EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk") << events[i];
        ++chunks;
        const auto choices = chunk->getArray("choices");
        if (!choices || choices->size() == 0) continue;  // the usage chunk
        const auto delta = choices->getObject(0)->getObject("delta");
        if (delta && delta->has("content") && delta->get("content").isString()) {
            content += delta->getValue<std::string>("content");
        }
    }
    EXPECT_GE(chunks, 1);
    return content;
}

TEST_F(ChatProxyTest, NonStreamIsProxiedWithUpstreamModelAndKey) {
    const auto response = chat(chatBody("gpt-test"));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_FALSE(response.header("x-request-id").empty());
    EXPECT_NE(response.header("content-type").find("application/json"), std::string::npos);

    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
    EXPECT_TRUE(body->getValue<std::string>("id").starts_with("chatcmpl-")) << response.body;
    const auto message = body->getArray("choices")->getObject(0)->getObject("message");
    EXPECT_EQ(message->getValue<std::string>("role"), "assistant");
    EXPECT_EQ(message->getValue<std::string>("content"), "Hello from fake upstream");
    EXPECT_EQ(body->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"), "stop");
    EXPECT_EQ(body->getObject("usage")->getValue<int>("total_tokens"),
              body->getObject("usage")->getValue<int>("prompt_tokens") +
                  body->getObject("usage")->getValue<int>("completion_tokens"));

    const auto upstream = fake_->lastRequest();
    ASSERT_TRUE(upstream->has("body")) << "the fake saw no request";
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/chat/completions");
    const auto sent = parseObject(upstream->getValue<std::string>("body"));
    EXPECT_EQ(sent->getValue<std::string>("model"), "gpt-4o-mini") << "alias not rewritten upstream";
    const auto headers = upstream->getObject("headers");
    EXPECT_EQ(headers->optValue<std::string>("authorization", ""), std::string("Bearer ") + kUpstreamKey);
    EXPECT_EQ(upstream->getValue<std::string>("body").find(kMasterKey), std::string::npos);
}

TEST_F(ChatProxyTest, StreamIsProxiedAsServerSentEvents) {
    SseStream stream(port(), chatBody("gpt-test", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    EXPECT_NE(stream.header("Content-Type").find("text/event-stream"), std::string::npos);
    EXPECT_FALSE(stream.header("x-request-id").empty());
    const auto events = stream.readAll();
    EXPECT_EQ(expectChunkStream(events), "Hello from fake upstream");

    const auto sent = parseObject(fake_->lastRequest()->getValue<std::string>("body"));
    EXPECT_EQ(sent->getValue<std::string>("model"), "gpt-4o-mini");
    EXPECT_TRUE(sent->getValue<bool>("stream"));
}

TEST_F(ChatProxyTest, DemoModelIsServedByTheMockProvider) {
    const auto response = chat(chatBody("demo"));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
    EXPECT_EQ(body->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"),
              "Hello from the mock.");

    SseStream stream(port(), chatBody("demo", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    EXPECT_NE(stream.header("Content-Type").find("text/event-stream"), std::string::npos);
    EXPECT_EQ(expectChunkStream(stream.readAll()), "Hello from the mock.");

    EXPECT_EQ(fake_->stat("requests"), 0) << "the mock provider must not call any upstream";
}

TEST_F(ChatProxyTest, ModelListNamesConfiguredModels) {
    const auto response = httpGet(port(), "/v1/models", kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_FALSE(response.header("x-request-id").empty());
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "list");
    std::set<std::string> ids;
    const auto data = body->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i) {
        const auto model = data->getObject(static_cast<unsigned>(i));
        EXPECT_EQ(model->getValue<std::string>("object"), "model");
        EXPECT_TRUE(model->has("created") && model->has("owned_by")) << response.body;
        ids.insert(model->getValue<std::string>("id"));
    }
    for (const char* name : {"gpt-test", "demo", "upstream-429", "upstream-timeout", "upstream-slow"}) {
        EXPECT_EQ(ids.count(name), 1u) << name << " missing from " << response.body;
    }
    EXPECT_EQ(ids.count("gpt-4o-mini"), 0u) << "upstream model names are not public names";
}

TEST_F(ChatProxyTest, HealthEndpointsAnswer) {
    for (const char* path : {"/health/liveliness", "/health/readiness"}) {
        const auto response = httpGet(port(), path);
        EXPECT_EQ(response.status, 200) << path << " " << response.describe();
        EXPECT_FALSE(response.header("x-request-id").empty()) << path;
    }
}

}  // namespace
}  // namespace portico::itest
