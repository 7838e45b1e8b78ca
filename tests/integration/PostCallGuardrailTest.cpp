// Post-call guardrails see every complete response before the client does, whether an upstream
// or a local provider produced it. tests/plugins/response_blocker.c blocks every response that
// contains "Hello from", as both the mock's and fake_openai's replies do, and allows requests.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/GatewayTest.h"

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
        config.extra_guardrails = ", {name: response_blocker}";
    }
};

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

}  // namespace
}  // namespace portico::itest
