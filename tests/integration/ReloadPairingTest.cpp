// A reload keeps each observer instance with the configuration it was created from, even when an
// earlier entry of the same plugin failed to start (it used to pair instances by list position).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <map>
#include <sstream>

#include "support/GatewayTest.h"
#include "support/PluginAdmin.h"

namespace portico::itest {
namespace {

class ReloadPairingTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        // The first jsonl observer cannot open its file (its directory does not exist), so only
        // the second one runs.
        const std::string unopenable = (dir_ / "missing-directory" / "events.jsonl").string();
        config.observers = "{name: jsonl, config: {path: \"" + unopenable + "\"}}, {name: jsonl, config: {path: \"" +
                           config.events_path + "\"}}";
    }

    /// How many lines of each event type the events file holds for `request_id`.
    std::map<std::string, int> eventCounts(const std::string& request_id) const {
        std::map<std::string, int> counts;
        std::istringstream lines(readFile(config_.events_path));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.find(request_id) == std::string::npos) continue;
            const auto event = parseObject(line);
            if (event->optValue<std::string>("request_id", "") == request_id)
                ++counts[event->optValue<std::string>("type", event->optValue<std::string>("event", "?"))];
        }
        return counts;
    }
};

TEST_F(ReloadPairingTest, ObserverAfterAFailedOneGetsEachEventOnceAfterReload) {
    ASSERT_EQ(reloadPlugins(port(), kMasterKey).status, 200) << gateway_->describe();
    const auto response = chat(chatBody("gpt-test"));
    ASSERT_EQ(response.status, 200) << response.describe();
    const std::string request_id = response.header("x-request-id");

    // SIGTERM drains and flushes every observer queue before exit, so the file is final then.
    gateway_->process().sendSignal(SIGTERM);
    ASSERT_EQ(gateway_->process().waitForExit(std::chrono::seconds(20)), 0) << gateway_->describe();

    const std::map<std::string, int> once{{"request", 1}, {"provider_request", 1}, {"provider_response", 1}, {"response", 1}};
    EXPECT_EQ(eventCounts(request_id), once) << readFile(config_.events_path);
}

}  // namespace
}  // namespace portico::itest
