// server.max_upstream_body_bytes: an upstream that sends too much is cut off, not buffered.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

constexpr std::size_t kCap = 1 << 20;

std::string upstreamModel(const std::string& name, const std::string& fake_model, const std::string& api_base) {
    return "  - model_name: " + name + "\n    litellm_params: {model: openai/" + fake_model + ", api_base: \"" + api_base +
           "\", api_key: " + kUpstreamKey + ", timeout: 30}\n";
}

class UpstreamBodyLimitTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.max_upstream_body_bytes = kCap;
        // 2 MiB in one body (or one stream event); 3 MiB of stream in 64 KiB events.
        config.extra_models = upstreamModel("upstream-huge", "huge-body-2", config.api_base) +
                              upstreamModel("upstream-flood", "stream-flood-3", config.api_base);
    }
};

TEST_F(UpstreamBodyLimitTest, BodyOverTheCapIs502NamingTheLimit) {
    const auto response = chat(chatBody("upstream-huge"));
    const auto error = expectOpenAiError(response, 502);
    EXPECT_EQ(error->optValue<std::string>("code", ""), "upstream_response_too_large") << response.body;
    const std::string message = error->getValue<std::string>("message");
    EXPECT_NE(message.find("server.max_upstream_body_bytes"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(kCap)), std::string::npos) << message;
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200) << "the gateway stopped serving after the oversized body";
}

TEST_F(UpstreamBodyLimitTest, StreamEventOverTheCapEndsTheStreamWithAnErrorEvent) {
    SseStream stream(port(), chatBody("upstream-huge", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);  // the role chunk went out before the oversized event
    const auto events = stream.readAll();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(std::count(events.begin(), events.end(), "[DONE]"), 0) << "a cut-off stream was completed";
    const auto error = parseObject(events.back())->getObject("error");
    ASSERT_TRUE(error) << events.back().substr(0, 300);
    EXPECT_EQ(error->optValue<std::string>("code", ""), "upstream_response_too_large") << events.back();
}

TEST_F(UpstreamBodyLimitTest, StreamLongerThanTheCapInSmallEventsIsServedWhole) {
    SseStream stream(port(), chatBody("upstream-flood", "Say hello", true), kMasterKey, std::chrono::seconds(30));
    ASSERT_EQ(stream.status(), 200);
    const auto events = stream.readAll();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back(), "[DONE]") << events.back().substr(0, 300);
}

}  // namespace
}  // namespace portico::itest
