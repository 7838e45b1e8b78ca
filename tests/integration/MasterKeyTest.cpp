// With no master key configured the gateway makes one and prints it once on stdout; a configured
// key is never printed.
#include <gtest/gtest.h>

#include <csignal>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

class GeneratedMasterKeyTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override { config.master_key.clear(); }
};

int keyLines(const ChildProcess& process) {
    int count = 0;
    for (const auto& line : process.stdoutLines()) count += line.starts_with("PORTICO_MASTER_KEY=") ? 1 : 0;
    return count;
}

/// stdout is machine-readable: only the key line and the readiness line, logs go to stderr.
void expectOnlyMachineLines(const ChildProcess& process) {
    for (const auto& line : process.stdoutLines()) {
        EXPECT_TRUE(line.starts_with("PORTICO_MASTER_KEY=") || line.starts_with("listening on http://"))
            << "unexpected stdout line: " << line;
    }
}

TEST_F(GeneratedMasterKeyTest, KeyIsPrintedOnceAndWorks) {
    ASSERT_TRUE(gateway_->generatedMasterKey()) << gateway_->describe();
    const std::string key = *gateway_->generatedMasterKey();
    ASSERT_FALSE(key.empty());

    EXPECT_EQ(chat(chatBody("demo"), key).status, 200);
    expectOpenAiError(chat(chatBody("demo"), key + "x"), 401);

    gateway_->process().sendSignal(SIGTERM);
    EXPECT_EQ(gateway_->process().waitForExit(std::chrono::seconds(15)), 0) << gateway_->describe();
    EXPECT_TRUE(gateway_->process().drainStdout(std::chrono::seconds(5)));
    EXPECT_EQ(keyLines(gateway_->process()), 1) << gateway_->describe();
    expectOnlyMachineLines(gateway_->process());
    EXPECT_EQ(gateway_->process().stderrText().find(key), std::string::npos) << "the key was logged";
}

class ConfiguredMasterKeyTest : public GatewayTest {};

TEST_F(ConfiguredMasterKeyTest, KeyIsNotPrinted) {
    EXPECT_FALSE(gateway_->generatedMasterKey());
    EXPECT_EQ(chat(chatBody("demo")).status, 200);
    gateway_->process().sendSignal(SIGTERM);
    EXPECT_EQ(gateway_->process().waitForExit(std::chrono::seconds(15)), 0) << gateway_->describe();
    EXPECT_TRUE(gateway_->process().drainStdout(std::chrono::seconds(5)));
    EXPECT_EQ(keyLines(gateway_->process()), 0);
    expectOnlyMachineLines(gateway_->process());
    const std::string all = gateway_->describe();
    EXPECT_EQ(all.find(kMasterKey), std::string::npos) << "the configured key was printed or logged";
}

TEST(EnvironmentMasterKeyTest, EnvironmentOverridesTheConfiguredKey) {
    TempDir dir;
    FakeUpstream fake;
    TestConfig config;
    config.api_base = fake.apiBase();
    config.events_path = (dir / "events.jsonl").string();
    GatewayProcess gateway(dir, config.yaml(), {{"PORTICO_MASTER_KEY", "sk-from-the-environment"}});
    EXPECT_FALSE(gateway.generatedMasterKey());
    const auto body = chatBody("demo");
    EXPECT_EQ(httpPostJson(gateway.port(), "/v1/chat/completions", body, "sk-from-the-environment").status, 200);
    expectOpenAiError(httpPostJson(gateway.port(), "/v1/chat/completions", body, kMasterKey), 401);
}

}  // namespace
}  // namespace portico::itest
