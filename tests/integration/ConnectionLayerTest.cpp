// The connection layer's own answers: heads that never complete, framing that is ambiguous,
// connections over the limit, requests that arrive in pieces or back to back.
#include <gtest/gtest.h>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <chrono>
#include <utility>
#include <thread>
#include <vector>

#include "support/GatewayTest.h"
#include "support/Eventually.h"
#include "support/RawHttp.h"

namespace portico::itest {
namespace {

using Clock = std::chrono::steady_clock;

class ConnectionLayerTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.server_extra = ", header_timeout_s: 1, max_connections: 8";
    }

    Poco::Net::StreamSocket connect() const {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port())));
        socket.setReceiveTimeout(Poco::Timespan(10, 0));
        return socket;
    }

    static std::string receiveUntilClosed(Poco::Net::StreamSocket& socket) {
        std::string answer;
        char buffer[4096];
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
        return answer;
    }

    /// Reads one response with a Content-Length body from a kept-alive connection; bytes of the
    /// responses after it stay in `pending_` for the next call.
    std::string receiveOneResponse(Poco::Net::StreamSocket& socket) {
        char buffer[4096];
        for (;;) {
            const std::size_t head_end = pending_.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                const std::string head = Poco::toLower(pending_.substr(0, head_end));
                const std::size_t at = head.find("content-length: ");
                const std::size_t length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 16));
                if (pending_.size() >= head_end + 4 + length) {
                    std::string response = pending_.substr(0, head_end + 4 + length);
                    pending_.erase(0, response.size());
                    return response;
                }
            }
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) return std::exchange(pending_, {});
            pending_.append(buffer, static_cast<std::size_t>(n));
        }
    }

    std::string pending_;
};

TEST_F(ConnectionLayerTest, AStalledRequestHeadIs408AfterTheHeaderTimeout) {
    const auto started = Clock::now();
    const std::string answer = exchangeUntilClosed(port(), "GET /health HTTP/1.1\r\nHost: x\r\n", false);
    const auto waited = Clock::now() - started;
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408 ")) << answer;
    EXPECT_NE(Poco::toLower(answer).find("connection: close"), std::string::npos) << answer;
    EXPECT_NE(answer.find("header_timeout_s"), std::string::npos) << answer;
    EXPECT_GE(waited, std::chrono::milliseconds(900));
    EXPECT_LT(waited, std::chrono::milliseconds(2500));
}

TEST_F(ConnectionLayerTest, TricklingTheHeadDoesNotExtendTheHeaderTimeout) {
    // A byte every 200 ms would keep a per-read timeout alive forever (slowloris).
    auto socket = connect();
    const auto started = Clock::now();
    sendAll(socket, "GET /health HTTP/1.1\r\n");
    std::string answer;
    for (int i = 0; i < 20 && answer.empty(); ++i) {
        try {
            sendAll(socket, "X");
        } catch (const std::exception&) {
            break;  // closed after the 408
        }
        socket.setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
        try {
            char buffer[4096];
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n > 0) answer.assign(buffer, static_cast<std::size_t>(n));
        } catch (const Poco::TimeoutException&) {
        }
    }
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408 ")) << answer;
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(2500));
}

TEST_F(ConnectionLayerTest, AContentLengthTooLargeForAnIntegerIs400) {
    const std::string answer =
        exchangeUntilClosed(port(), rawChatPost("{}", 0).replace(rawChatPost("{}", 0).find("Content-Length: 0"), 17,
                                                                 "Content-Length: 99999999999999999999"),
                            false);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << answer;
    EXPECT_NE(answer.find("Content-Length"), std::string::npos) << answer;
}

TEST_F(ConnectionLayerTest, AmbiguousFramingIs400) {
    const std::string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n";
    for (const std::string& framing : {std::string("Content-Length: 5\r\nContent-Length: 6\r\n"),
                                       std::string("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
                                       std::string("Transfer-Encoding: gzip\r\n"), std::string("Content-Length: -1\r\n"),
                                       std::string("Content-Length : 5\r\n"), std::string("X-A: b\r\n folded\r\n")}) {
        const std::string answer = exchangeUntilClosed(port(), head + framing + "\r\nhello", false);
        EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << framing << " -> " << answer;
        EXPECT_NE(answer.find("\"error\""), std::string::npos) << answer;
    }
}

TEST_F(ConnectionLayerTest, AHeadOverTheLimitIs431) {
    const std::string answer =
        exchangeUntilClosed(port(), "GET /health HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n", false);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 431 ")) << answer.substr(0, 200);
}

TEST_F(ConnectionLayerTest, ConnectionsBeyondMaxConnectionsGetAQuick503) {
    std::vector<Poco::Net::StreamSocket> held;
    for (int i = 0; i < 8; ++i) held.push_back(connect());
    // The gateway accepts in its poller thread: the 8 may still be in its backlog, so the one that
    // is refused is the first beyond 8 that it accepts.
    auto extra = connect();
    const auto started = Clock::now();
    const std::string answer = receiveUntilClosed(extra);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 503 ")) << answer;
    EXPECT_NE(answer.find("max_connections"), std::string::npos) << answer;
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
    held.clear();
    // Closed connections free their places.
    EXPECT_TRUE(eventually([&] { return httpGet(port(), "/health/liveliness").status == 200; }, std::chrono::seconds(5)));
}

TEST_F(ConnectionLayerTest, ARequestSentInPiecesIsServed) {
    auto socket = connect();
    const std::string body = R"({"model":"demo","messages":[{"role":"user","content":"hi"}]})";
    const std::string request = rawChatPost(body, body.size());
    for (const char c : request) sendAll(socket, std::string(1, c));
    const std::string answer = receiveOneResponse(socket);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 ")) << answer;
    EXPECT_NE(answer.find("chat.completion"), std::string::npos) << answer;
}

TEST_F(ConnectionLayerTest, PipelinedRequestsAreAnsweredInOrder) {
    auto socket = connect();
    const std::string body = R"({"model":"demo","messages":[{"role":"user","content":"hi"}]})";
    sendAll(socket, rawChatPost(body, body.size()) + "GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n" +
                        rawChatPost(body, body.size()));
    const std::string first = receiveOneResponse(socket);
    const std::string second = receiveOneResponse(socket);
    const std::string third = receiveOneResponse(socket);
    EXPECT_NE(first.find("chat.completion"), std::string::npos) << first;
    EXPECT_TRUE(second.starts_with("HTTP/1.1 200 ")) << second;
    EXPECT_EQ(second.find("chat.completion"), std::string::npos) << second;
    EXPECT_NE(third.find("chat.completion"), std::string::npos) << third;
}

TEST_F(ConnectionLayerTest, ExpectContinueGetsA100BeforeTheBody) {
    auto socket = connect();
    const std::string body = R"({"model":"demo","messages":[{"role":"user","content":"hi"}]})";
    const std::string request = rawChatPost("", body.size(), "Expect: 100-continue\r\n");
    sendAll(socket, request);
    char buffer[256];
    const int n = socket.receiveBytes(buffer, sizeof buffer);
    ASSERT_GT(n, 0);
    EXPECT_TRUE(std::string(buffer, static_cast<std::size_t>(n)).starts_with("HTTP/1.1 100 "));
    sendAll(socket, body);
    const std::string answer = receiveOneResponse(socket);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 ")) << answer;
}

TEST_F(ConnectionLayerTest, AnIdleKeptAliveConnectionStaysUsable) {
    auto socket = connect();
    sendAll(socket, "GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(receiveOneResponse(socket).starts_with("HTTP/1.1 200 "));
    // Longer than the header timeout: an idle connection is governed by keep_alive_timeout_s.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sendAll(socket, "GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(receiveOneResponse(socket).starts_with("HTTP/1.1 200 "));
}

}  // namespace
}  // namespace portico::itest
