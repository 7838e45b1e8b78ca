// SIGTERM drains: requests in flight finish, then the process exits 0.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <future>

#include "support/Eventually.h"
#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

class ShutdownTest : public GatewayTest {};

TEST_F(ShutdownTest, SigtermLetsTheInFlightRequestFinish) {
    // upstream-slow: the fake answers after 1.5 s.
    auto inFlight = std::async(std::launch::async, [port = port()] {
        return httpPostJson(port, "/v1/chat/completions", chatBody("upstream-slow"), kMasterKey);
    });
    // Signal only once the request is really in flight, i.e. the upstream has it.
    ASSERT_TRUE(eventually([&] { return fake_->stat("requests") >= 1; }, std::chrono::seconds(10)))
        << gateway_->describe();
    gateway_->process().sendSignal(SIGTERM);

    ASSERT_EQ(inFlight.wait_for(std::chrono::seconds(12)), std::future_status::ready);
    const auto response = inFlight.get();
    EXPECT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getValue<std::string>("object"), "chat.completion");
    EXPECT_EQ(gateway_->process().waitForExit(std::chrono::seconds(15)), 0) << gateway_->describe();
}

}  // namespace
}  // namespace portico::itest
