// A client that stops reading must not pin a gateway thread: server.send_timeout_s ends the reply.
#include <gtest/gtest.h>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <fstream>
#include <string>

#include "support/Eventually.h"
#include "support/GatewayTest.h"
#include "support/RawHttp.h"

namespace portico::itest {
namespace {

constexpr const char* kRequestId = "stalled-client-1";

/// MiB of stream that surely overflow the gateway's send buffer to the client (the kernel grows
/// it up to tcp_wmem's maximum), so that the gateway's send blocks.
int floodMebibytes() {
    std::ifstream wmem("/proc/sys/net/ipv4/tcp_wmem");
    long min = 0, initial = 0, max = 4L << 20;
    wmem >> min >> initial >> max;
    return static_cast<int>(2 * max / (1L << 20)) + 2;
}

class StalledClientTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.send_timeout_s = 1;
        config.extra_models = "  - model_name: upstream-flood\n    litellm_params: {model: openai/stream-flood-" +
                              std::to_string(floodMebibytes()) + ", api_base: \"" + config.api_base +
                              "\", api_key: " + kUpstreamKey + ", timeout: 30}\n";
    }

    /// True once the observer has the request's record, which the gateway publishes only after
    /// the request has ended.
    bool requestEnded() const {
        return readFile(config_.events_path).find(std::string("\"") + kRequestId + "\"") != std::string::npos;
    }
};

TEST_F(StalledClientTest, ReplyToAClientThatStopsReadingEndsAfterTheSendTimeout) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::IPv4);
    socket.setReceiveBufferSize(4096);  // before connecting, so the advertised window stays small
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port())));
    const std::string body = chatBody("upstream-flood", "Say hello", true);
    sendAll(socket, rawChatPost(body, body.size(), std::string("x-request-id: ") + kRequestId + "\r\n"));

    // Nothing is read from here on. Without a send timeout the request would never end.
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(eventually([&] { return requestEnded(); }, std::chrono::seconds(20)))
        << "the reply to a stalled client is still pinning its thread\n" << gateway_->describe();
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900))
        << "the request ended before the send timeout could have fired";

    // The upstream stream was given up with it, and the gateway still serves everyone else.
    EXPECT_TRUE(eventually([&] { return fake_->stat("streams_aborted") >= 1; }, std::chrono::seconds(20)))
        << "the upstream stream was never closed\n" << gateway_->describe();
    EXPECT_EQ(chat(chatBody("demo")).status, 200);
    socket.close();
}

}  // namespace
}  // namespace portico::itest
