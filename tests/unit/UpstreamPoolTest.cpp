#include "upstream/UpstreamPool.h"

#include <gtest/gtest.h>

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "support/LocalHttpServer.h"
#include "support/UpstreamCalls.h"

namespace portico::upstream {
namespace {

using namespace std::chrono_literals;
using testsupport::getRequest;
using testsupport::LocalHttpServer;
using testsupport::readToEnd;
using testsupport::ServerExchange;
using testsupport::upstreamErrorFrom;
using Clock = std::chrono::steady_clock;

void reply(Poco::Net::HTTPServerResponse& response, const std::string& body) {
    LocalHttpServer::sendText(response, body);
}

TEST(UpstreamPoolTest, ReusesKeptAliveConnection) {
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { reply(response, "hello"); });
    UpstreamPool pool;

    const UpstreamResponse first = pool.send(getRequest(server.url("/a")));
    const UpstreamResponse second = pool.send(getRequest(server.url("/b")));

    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "hello");
    EXPECT_EQ(second.body, "hello");
    EXPECT_EQ(server.acceptedConnections(), 1);
    EXPECT_EQ(pool.idleConnections(), 1u);
}

TEST(UpstreamPoolTest, SendsMethodTargetHeadersAndBodyAsGiven) {
    LocalHttpServer server([](Poco::Net::HTTPServerRequest& request, auto& response, const ServerExchange&) {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        reply(response, request.getMethod() + " " + request.getURI() + " host=" + request.getHost() +
                            " length=" + request.get("Content-Length", "-") + " x-test=" + request.get("X-Test", "-") +
                            " body=" + body);
    });
    UpstreamPool pool;
    UpstreamRequest request = getRequest(server.url("/v1/chat?key=a%2Fb"));
    request.method = "POST";
    request.headers = {{"X-Test", "yes"}, {"Content-Length", "999"}};
    request.body = "{\"q\":1}";

    const UpstreamResponse response = pool.send(request);

    EXPECT_EQ(response.body, "POST /v1/chat?key=a%2Fb host=127.0.0.1:" + std::to_string(server.port()) +
                                 " length=7 x-test=yes body={\"q\":1}");
}

TEST(UpstreamPoolTest, StreamReadsBytesAsTheyArrive) {
    std::promise<void> client_got_first;
    std::promise<bool> server_was_released;
    LocalHttpServer server([&](auto&, Poco::Net::HTTPServerResponse& response, const ServerExchange&) {
        response.setChunkedTransferEncoding(true);
        std::ostream& out = response.send();
        out << "first" << std::flush;
        // The last chunk is written only once the client has read the first one.
        const bool released = client_got_first.get_future().wait_for(4s) == std::future_status::ready;
        server_was_released.set_value(released);
        out << "second" << std::flush;
    });
    UpstreamPool pool;

    std::unique_ptr<UpstreamStream> stream = pool.open(getRequest(server.url()));
    ASSERT_EQ(stream->status(), 200);
    std::string head;
    char buffer[64];
    while (head.size() < 5) {
        const std::size_t n = stream->read(buffer, sizeof buffer);
        ASSERT_GT(n, 0u);
        head.append(buffer, n);
    }
    client_got_first.set_value();
    const std::string rest = readToEnd(*stream);
    stream.reset();

    EXPECT_EQ(head, "first");
    EXPECT_EQ(rest, "second");
    EXPECT_TRUE(server_was_released.get_future().get()) << "the first read waited for the last chunk";
    EXPECT_EQ(pool.idleConnections(), 1u) << "a fully read stream returns its connection";
}

TEST(UpstreamPoolTest, ReadTimeoutIsTimeoutErrorAlsoOnReusedConnection) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    LocalHttpServer server([&](auto&, auto& response, const ServerExchange& exchange) {
        if (exchange.request > 1) released.wait_for(4s);
        reply(response, "late");
    });
    UpstreamPool pool;
    ASSERT_EQ(pool.send(getRequest(server.url())).body, "late");  // opened with a 4 s receive timeout

    UpstreamRequest impatient = getRequest(server.url());
    impatient.read_timeout = 200ms;
    const auto started = Clock::now();
    const UpstreamError error = upstreamErrorFrom([&] { pool.send(impatient); });
    const auto waited = Clock::now() - started;
    release.set_value();

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Timeout) << error.what();
    EXPECT_GE(waited, 150ms);
    EXPECT_LT(waited, 2s);
    EXPECT_EQ(server.acceptedConnections(), 1) << "the timeout applied to the reused connection";
    EXPECT_EQ(pool.idleConnections(), 0u) << "a failed connection is never pooled";
}

TEST(UpstreamPoolTest, StreamReadTimesOutBetweenChunks) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    LocalHttpServer server([&](auto&, Poco::Net::HTTPServerResponse& response, const ServerExchange&) {
        response.setChunkedTransferEncoding(true);
        std::ostream& out = response.send();
        out << "data: 1\n\n" << std::flush;
        released.wait_for(4s);
    });
    UpstreamPool pool;
    UpstreamRequest request = getRequest(server.url());
    request.read_timeout = 200ms;

    std::unique_ptr<UpstreamStream> stream = pool.open(request);
    char buffer[64];
    EXPECT_GT(stream->read(buffer, sizeof buffer), 0u);
    const UpstreamError error = upstreamErrorFrom([&] { stream->read(buffer, sizeof buffer); });
    release.set_value();

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Timeout) << error.what();
}

TEST(UpstreamPoolTest, ConnectionRefusedIsConnectError) {
    Poco::UInt16 closed_port = 0;
    {
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
        closed_port = probe.address().port();
    }
    UpstreamPool pool;

    const UpstreamError error = upstreamErrorFrom(
        [&] { pool.send(getRequest("http://127.0.0.1:" + std::to_string(closed_port) + "/v1?key=secret-value")); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Connect) << error.what();
    EXPECT_EQ(std::string(error.what()).find("secret-value"), std::string::npos) << error.what();
}

TEST(UpstreamPoolTest, RejectsUrlThatIsNotHttp) {
    UpstreamPool pool;

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(getRequest("ftp://example.com/file")); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Protocol);
}

TEST(UpstreamPoolTest, DestroyingUnfinishedStreamClosesConnection) {
    std::promise<bool> server_saw_close;
    LocalHttpServer server([&](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                               const ServerExchange& exchange) {
        if (exchange.connection > 1) return reply(response, "fresh");
        response.setChunkedTransferEncoding(true);
        std::ostream& out = response.send();
        out << "data: partial\n\n" << std::flush;
        // Readable with nothing to read means the client closed its end.
        Poco::Net::StreamSocket& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
        const auto deadline = Clock::now() + 4s;
        bool closed = false;
        while (!closed && Clock::now() < deadline)
            closed = socket.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ) && socket.available() == 0;
        server_saw_close.set_value(closed);
    });
    UpstreamPool pool;

    std::unique_ptr<UpstreamStream> stream = pool.open(getRequest(server.url()));
    char buffer[8];
    ASSERT_GT(stream->read(buffer, sizeof buffer), 0u);
    stream.reset();

    EXPECT_TRUE(server_saw_close.get_future().get());
    EXPECT_EQ(pool.idleConnections(), 0u);
    EXPECT_EQ(pool.send(getRequest(server.url())).body, "fresh");
    EXPECT_EQ(server.acceptedConnections(), 2);
}

TEST(UpstreamPoolTest, RetriesOnceWhenIdleConnectionWasClosedByServer) {
    // The server answers the first request on a connection and closes the connection without a
    // word when a second one arrives: what a client sees when the upstream timed the connection
    // out just as the request was sent.
    LocalHttpServer server([](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                              const ServerExchange& exchange) {
        if (exchange.request == 1) return reply(response, "answered");
        std::string ignored;
        Poco::StreamCopier::copyToString(request.stream(), ignored);
        response.setKeepAlive(false);  // no response, and the server closes the connection
    });
    UpstreamPool pool;
    UpstreamRequest request = getRequest(server.url());
    request.method = "POST";
    request.body = "{}";

    EXPECT_EQ(pool.send(request).body, "answered");
    EXPECT_EQ(pool.send(request).body, "answered");

    EXPECT_EQ(server.acceptedConnections(), 2);
    EXPECT_EQ(server.handledRequests(), 3) << "one dropped request, one retry";
}

TEST(UpstreamPoolTest, RetriesAtMostOnceAndReportsReset) {
    // Only the very first request is answered; every later one is dropped without a response.
    LocalHttpServer server([](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                              const ServerExchange& exchange) {
        if (exchange.connection == 1 && exchange.request == 1) return reply(response, "answered");
        std::string ignored;
        Poco::StreamCopier::copyToString(request.stream(), ignored);
        response.setKeepAlive(false);
    });
    UpstreamPool pool;
    ASSERT_EQ(pool.send(getRequest(server.url())).body, "answered");

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(getRequest(server.url())); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Reset) << error.what();
    EXPECT_EQ(server.acceptedConnections(), 2);
    EXPECT_EQ(server.handledRequests(), 3) << "the first try on the reused connection and one retry";
}

TEST(UpstreamPoolTest, DiscardsIdleConnectionTheServerClosed) {
    LocalHttpServer::Options options;
    options.keep_alive_timeout = Poco::Timespan(0, 1000);  // the server closes idle connections after 1 ms
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { reply(response, "ok"); }, options);
    UpstreamPool pool;

    ASSERT_EQ(pool.send(getRequest(server.url())).body, "ok");
    ASSERT_TRUE(server.waitForClosedConnections(1, 4s));
    EXPECT_EQ(pool.send(getRequest(server.url())).body, "ok");

    EXPECT_EQ(server.acceptedConnections(), 2);
}

TEST(UpstreamPoolTest, BodylessResponsesKeepTheConnection) {
    LocalHttpServer server(
        [](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const ServerExchange&) {
            if (request.getMethod() == "HEAD") {
                response.setContentLength(5);
                response.send();
            } else if (request.getURI() == "/empty") {
                response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
                response.send();
            } else {
                reply(response, "after");
            }
        });
    UpstreamPool pool;
    UpstreamRequest head = getRequest(server.url());
    head.method = "HEAD";

    const UpstreamResponse head_response = pool.send(head);
    const UpstreamResponse empty = pool.send(getRequest(server.url("/empty")));
    const UpstreamResponse after = pool.send(getRequest(server.url()));

    EXPECT_EQ(head_response.status, 200);
    EXPECT_EQ(head_response.body, "");
    EXPECT_EQ(empty.status, 204);
    EXPECT_EQ(after.body, "after") << "the connection stayed in step after the bodyless responses";
    EXPECT_EQ(server.acceptedConnections(), 1);
}

TEST(UpstreamPoolTest, ConnectionTheServerWillCloseIsNotPooled) {
    LocalHttpServer server([](auto&, Poco::Net::HTTPServerResponse& response, const ServerExchange&) {
        response.setKeepAlive(false);  // "Connection: close"
        reply(response, "bye");
    });
    UpstreamPool pool;

    EXPECT_EQ(pool.send(getRequest(server.url())).body, "bye");
    EXPECT_EQ(pool.idleConnections(), 0u);
    EXPECT_EQ(pool.send(getRequest(server.url())).body, "bye");
    EXPECT_EQ(server.acceptedConnections(), 2);
}

TEST(UpstreamPoolTest, BodyShorterThanContentLengthIsReset) {
    LocalHttpServer server([](auto&, Poco::Net::HTTPServerResponse& response, const ServerExchange&) {
        response.setContentLength(100);
        response.setKeepAlive(false);  // the server closes the connection after 5 of 100 bytes
        response.send() << "short" << std::flush;
    });
    UpstreamPool pool;

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(getRequest(server.url())); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Reset) << error.what();
}

TEST(UpstreamPoolTest, SharesConnectionsAcrossThreads) {
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { reply(response, "ok"); });
    UpstreamPool pool;
    constexpr int kThreads = 4;
    constexpr int kRequestsEach = 10;
    std::vector<int> successes(kThreads, 0);

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRequestsEach; ++i)
                if (pool.send(getRequest(server.url())).body == "ok") ++successes[t];
        });
    for (std::thread& thread : threads) thread.join();

    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(successes[t], kRequestsEach);
    EXPECT_LE(server.acceptedConnections(), kThreads) << "at most one connection per concurrent caller";
    EXPECT_EQ(pool.idleConnections(), static_cast<std::size_t>(server.acceptedConnections()));
}

TEST(UpstreamPoolTest, KeepsConnectionThatStreamedLongerThanIdleTimeout) {
    // Poco measures its keep-alive limit from when the request was sent; the pool measures idleness
    // from when the connection came back, so a long stream does not cost a reconnect.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    LocalHttpServer server([&](auto&, Poco::Net::HTTPServerResponse& response, const ServerExchange& exchange) {
        if (exchange.request > 1) return reply(response, "again");
        response.setChunkedTransferEncoding(true);
        std::ostream& out = response.send();
        out << "a" << std::flush;
        released.wait_for(4s);
        out << "b" << std::flush;
    });
    PoolOptions options;
    options.idle_timeout = 1s;
    UpstreamPool pool(options);

    std::unique_ptr<UpstreamStream> stream = pool.open(getRequest(server.url()));
    char first;
    ASSERT_EQ(stream->read(&first, 1), 1u);
    std::this_thread::sleep_for(1200ms);  // the behaviour under test: a stream outlasting idle_timeout
    release.set_value();
    EXPECT_EQ(readToEnd(*stream), "b");
    stream.reset();

    EXPECT_EQ(pool.send(getRequest(server.url())).body, "again");
    EXPECT_EQ(server.acceptedConnections(), 1);
}

}  // namespace
}  // namespace portico::upstream
