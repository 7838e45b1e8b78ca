// SIGTERM drains: requests in flight finish, then the process exits 0.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <future>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include "support/Eventually.h"
#include "support/GatewayTest.h"
#include "support/RawHttp.h"

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

TEST_F(ShutdownTest, AfterSigtermKeptAliveConnectionsCloseAndTheLastResponseIsObserved) {
    // A kept-alive connection that is idle when SIGTERM arrives.
    Poco::Net::StreamSocket idle(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port())));
    idle.setReceiveTimeout(Poco::Timespan(10, 0));
    sendAll(idle, "GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n");
    char buffer[4096];
    ASSERT_GT(idle.receiveBytes(buffer, sizeof buffer), 0);

    // A request in flight on a kept-alive connection of its own (raw, to see its Connection header).
    auto inFlight = std::async(std::launch::async, [port = port()] {
        const std::string body = chatBody("upstream-slow");
        return exchangeUntilClosed(port, rawChatPost(body, body.size()), false);
    });
    ASSERT_TRUE(eventually([&] { return fake_->stat("requests") >= 1; }, std::chrono::seconds(10)))
        << gateway_->describe();
    gateway_->process().sendSignal(SIGTERM);

    // The idle connection is closed at once, while the request in flight (1.5 s upstream) still
    // runs, rather than left open to take new requests during the drain.
    int n = 1;
    try {
        n = idle.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::TimeoutException&) {
        n = -1;
    } catch (const Poco::Exception&) {
        n = 0;  // reset: closed too
    }
    EXPECT_EQ(n, 0) << "the idle kept-alive connection was not closed";
    EXPECT_EQ(inFlight.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
        << "the idle connection closed only when the gateway exited";

    // The request in flight finishes, says its connection ends, and the connection does end
    // (exchangeUntilClosed returns only then).
    ASSERT_EQ(inFlight.wait_for(std::chrono::seconds(12)), std::future_status::ready);
    const std::string answer = inFlight.get();
    const std::string head = Poco::toLower(answer.substr(0, answer.find("\r\n\r\n")));
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 ")) << answer;
    EXPECT_NE(head.find("connection: close"), std::string::npos) << answer;
    EXPECT_EQ(gateway_->process().waitForExit(std::chrono::seconds(15)), 0) << gateway_->describe();

    // Observers are stopped only after the last response: its events reached the file.
    const std::size_t id_at = head.find("x-request-id: ");
    ASSERT_NE(id_at, std::string::npos) << answer;
    const std::string request_id = head.substr(id_at + 14, head.find("\r\n", id_at) - id_at - 14);
    const std::string events = readFile(config_.events_path);
    EXPECT_NE(Poco::toLower(events).find(request_id), std::string::npos) << events;
}

}  // namespace
}  // namespace portico::itest
