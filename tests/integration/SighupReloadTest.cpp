// SIGHUP re-reads the config file: models, observers, guardrails and the master key change
// without a restart; a config that does not parse is reported and the running one kept.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>

#include "support/Eventually.h"
#include "support/GatewayTest.h"
#include "support/PluginAdmin.h"

namespace portico::itest {
namespace {

class SighupReloadTest : public GatewayTest {
protected:
    /// Rewrites the file the gateway was started with and sends SIGHUP.
    void reloadWith(const std::string& yaml) {
        dir_.writeFile("portico.yaml", yaml);
        gateway_->process().sendSignal(SIGHUP);
    }
    bool eventuallyInLog(const std::string& text) {
        return eventually([&] { return gateway_->process().stderrText().find(text) != std::string::npos; },
                          std::chrono::seconds(10));
    }
};

constexpr const char* kAddedModel =
    "  - model_name: added-by-sighup\n"
    "    litellm_params: {model: mock/added, mock_response: \"Hello after SIGHUP.\"}\n";

TEST_F(SighupReloadTest, ANewModelAppearsWithoutARestart) {
    ASSERT_EQ(modelIds(port(), kMasterKey).count("added-by-sighup"), 0u);
    TestConfig changed = config_;
    changed.extra_models = kAddedModel;
    reloadWith(changed.yaml());

    ASSERT_TRUE(eventually([&] { return modelIds(port(), kMasterKey).count("added-by-sighup") == 1; },
                           std::chrono::seconds(10)))
        << gateway_->describe();
    const auto response = chat(chatBody("added-by-sighup"));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_NE(response.body.find("Hello after SIGHUP."), std::string::npos) << response.body;
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200);
    EXPECT_TRUE(gateway_->process().running());
}

TEST_F(SighupReloadTest, TheMasterKeyCanChange) {
    TestConfig changed = config_;
    changed.master_key = "sk-rotated-master-key";
    reloadWith(changed.yaml());

    ASSERT_TRUE(eventually([&] { return chat(chatBody("demo"), "sk-rotated-master-key").status == 200; },
                           std::chrono::seconds(10)))
        << gateway_->describe();
    expectOpenAiError(chat(chatBody("demo"), kMasterKey), 401);
}

TEST_F(SighupReloadTest, AConfigThatDoesNotParseIsReportedAndTheRunningOneKept) {
    const auto models_before = modelIds(port(), kMasterKey);
    reloadWith("model_list: [ {model_name: broken\n");
    ASSERT_TRUE(eventuallyInLog("keeping the running configuration")) << gateway_->describe();
    EXPECT_TRUE(gateway_->process().running());
    EXPECT_EQ(modelIds(port(), kMasterKey), models_before);
    EXPECT_EQ(chat(chatBody("demo")).status, 200);

    // A later good file still applies.
    TestConfig changed = config_;
    changed.extra_models = kAddedModel;
    reloadWith(changed.yaml());
    EXPECT_TRUE(eventually([&] { return modelIds(port(), kMasterKey).count("added-by-sighup") == 1; },
                           std::chrono::seconds(10)))
        << gateway_->describe();
}

TEST_F(SighupReloadTest, ServerSettingsThatNeedARestartAreNamedInAWarning) {
    TestConfig changed = config_;
    changed.max_keep_alive_requests = 7;
    changed.extra_models = kAddedModel;
    reloadWith(changed.yaml());
    EXPECT_TRUE(eventuallyInLog("server.max_keep_alive_requests")) << gateway_->describe();
    // The rest of the file still applies.
    EXPECT_TRUE(eventually([&] { return modelIds(port(), kMasterKey).count("added-by-sighup") == 1; },
                           std::chrono::seconds(10)))
        << gateway_->describe();
}

}  // namespace
}  // namespace portico::itest
