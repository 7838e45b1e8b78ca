// Post-call guardrails see every complete response before the client does, whether an upstream
// or a local provider produced it, streamed or not. tests/plugins/response_blocker.c blocks every
// response that contains "Hello from" (or the text its config names), as both the mock's and
// fake_upstream's replies do, and allows requests. Streams are held back until the guardrail has
// judged the whole reply: fake_upstream splits its text as "Hell" + "o fro" + ..., so a chunk-by-
// chunk look would never see "Hello from".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

class PostCallGuardrailTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const fs::path plugin_dir = dir_ / "plugins";
        fs::copy(PORTICO_PLUGIN_DIR, plugin_dir, fs::copy_options::recursive);
        fs::copy_file(fs::path(PORTICO_TEST_PLUGIN_DIR) / "response_blocker.so", plugin_dir / "response_blocker.so");
        config.plugin_dir = plugin_dir.string();
        config.extra_guardrails = ", {name: response_blocker" + blockerConfig() + "}";
    }
    virtual std::string blockerConfig() const { return ""; }
};

/// The same guardrail, blocking a text no reply contains: everything passes it.
class PostCallGuardrailAllowTest : public PostCallGuardrailTest {
protected:
    std::string blockerConfig() const override { return ", config: {text: \"text no reply contains\"}"; }
};

/// The content of a stream's chunks, checking that it ended with [DONE] and nothing after it.
std::string streamedContent(const std::vector<std::string>& events) {
    EXPECT_FALSE(events.empty());
    EXPECT_EQ(events.empty() ? "" : events.back(), "[DONE]");
    std::string content;
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        const auto chunk = parseObject(events[i]);
        EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk") << events[i];
        const auto choices = chunk->getArray("choices");
        if (!choices || choices->size() == 0) continue;
        const auto delta = choices->getObject(0)->getObject("delta");
        if (delta && delta->has("content") && delta->get("content").isString())
            content += delta->getValue<std::string>("content");
    }
    return content;
}

/// The client is told which guardrail refused the response.
void expectBlockedByResponseBlocker(const HttpResponse& response) {
    const auto error = expectOpenAiError(response, 400);
    EXPECT_EQ(error->optValue<std::string>("code", ""), "guardrail_blocked");
    EXPECT_NE(error->getValue<std::string>("message").find("'response_blocker'"), std::string::npos)
        << error->getValue<std::string>("message");
    EXPECT_EQ(response.body.find("Hello from"), std::string::npos) << "the blocked response leaked: " << response.body;
}

TEST_F(PostCallGuardrailTest, LocalProviderResponseIsBlocked) { expectBlockedByResponseBlocker(chat(chatBody("demo"))); }

TEST_F(PostCallGuardrailTest, UpstreamResponseIsBlockedAfterTheUpstreamAnswered) {
    expectBlockedByResponseBlocker(chat(chatBody("gpt-test")));
    EXPECT_EQ(fake_->stat("requests"), 1) << "the request itself must pass: the hook is post-call";
}

TEST_F(PostCallGuardrailTest, LocalProviderStreamIsBlockedBeforeAnyByteIsSent) {
    expectBlockedByResponseBlocker(chat(chatBody("demo", "Say hello", true)));
}

TEST_F(PostCallGuardrailTest, UpstreamStreamIsBlockedBeforeAnyByteIsSent) {
    expectBlockedByResponseBlocker(chat(chatBody("gpt-test", "Say hello", true)));
    EXPECT_EQ(fake_->stat("requests"), 1) << "the request itself must pass: the hook is post-call";
}

TEST_F(PostCallGuardrailTest, UpstreamErrorWhileHoldingAStreamIsAPlainError) {
    // Nothing was sent while the stream was held, so the failure keeps its real status.
    const auto response = chat(chatBody("upstream-stream-error", "Say hello", true));
    const auto error = expectOpenAiError(response, 502);
    EXPECT_NE(error->getValue<std::string>("message").find("fake upstream error mid-stream"), std::string::npos)
        << response.body;
}

TEST_F(PostCallGuardrailAllowTest, AllowedResponsesPassUnchanged) {
    for (const char* model : {"demo", "gpt-test"}) {
        const auto response = chat(chatBody(model));
        ASSERT_EQ(response.status, 200) << model << ": " << response.describe();
        EXPECT_NE(response.body.find("Hello from"), std::string::npos) << response.body;
    }
}

TEST_F(PostCallGuardrailAllowTest, AllowedStreamsAreReplayedWhole) {
    const std::pair<const char*, const char*> cases[] = {{"demo", "Hello from the mock."},
                                                         {"gpt-test", "Hello from fake upstream"}};
    for (const auto& [model, reply] : cases) {
        SseStream stream(port(), chatBody(model, "Say hello", true), kMasterKey);
        ASSERT_EQ(stream.status(), 200) << model;
        EXPECT_NE(stream.header("Content-Type").find("text/event-stream"), std::string::npos) << model;
        EXPECT_EQ(streamedContent(stream.readAll()), reply) << model;
    }
}

TEST_F(PostCallGuardrailAllowTest, AllowedStreamCutBeforeDoneIsAPlainError) {
    // The upstream's body ends without [DONE]: while held, that is an error before the first byte.
    const auto response = chat(chatBody("upstream-stream-cut", "Say hello", true));
    const auto error = expectOpenAiError(response, 502);
    EXPECT_NE(error->getValue<std::string>("message").find("[DONE]"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace portico::itest
