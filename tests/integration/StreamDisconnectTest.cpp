// A client that goes away mid-stream must release the upstream stream and leave the gateway
// healthy.
#include <gtest/gtest.h>

#include <chrono>

#include "support/Eventually.h"
#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class StreamDisconnectTest : public GatewayTest {};

TEST_F(StreamDisconnectTest, ClientDisconnectAbortsTheUpstreamStream) {
    const long abortedBefore = fake_->stat("streams_aborted");
    const long completedBefore = fake_->stat("streams_completed");
    {
        // upstream-stream-slow: 50 content events 100 ms apart, about 5 s in all.
        SseStream stream(port(), chatBody("upstream-stream-slow", "Say hello", true), kMasterKey);
        ASSERT_EQ(stream.status(), 200);
        ASSERT_TRUE(stream.nextData());
        ASSERT_TRUE(stream.nextData());
        stream.disconnect();
    }
    // Well before the upstream would finish on its own (~5 s), the fake must see its reader go.
    const bool aborted = eventually([&] { return fake_->stat("streams_aborted") > abortedBefore; },
                                    std::chrono::milliseconds(3500));
    EXPECT_TRUE(aborted) << "upstream stream kept running after the client left: " << fake_->statsText() << "\n"
                         << gateway_->describe();
    EXPECT_EQ(fake_->stat("streams_completed"), completedBefore);
    EXPECT_TRUE(eventually([&] { return fake_->stat("open_connections") == 0; }, std::chrono::seconds(3)))
        << "upstream connection not closed";

    ASSERT_TRUE(gateway_->process().running()) << gateway_->describe();
    const auto next = chat(chatBody("gpt-test"));
    EXPECT_EQ(next.status, 200) << next.describe();
}

}  // namespace
}  // namespace portico::itest
