// A kept-alive connection must stay in step whatever the previous request left unread: SDKs pool
// connections, and a body left on the socket would be parsed as the next request.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <istream>
#include <stdexcept>
#include <string>

#include "support/GatewayTest.h"
#include "support/RawHttp.h"

namespace portico::itest {
namespace {

/// One TCP connection to the gateway, requests sent one after another on it.
class Connection {
public:
    explicit Connection(int port) : socket_(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port))),
                                    stream_(socket_) {
        socket_.setReceiveTimeout(Poco::Timespan(15, 0));
    }

    HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& bearer) {
        write(method, path, body, bearer);
        return read();
    }

    /// Sends one request without waiting for its answer (several in a row are pipelined).
    void write(const std::string& method, const std::string& path, const std::string& body, const std::string& bearer) {
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost("127.0.0.1");
        request.setKeepAlive(true);
        request.set("Authorization", "Bearer " + bearer);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.write(stream_);
        stream_ << body;
        stream_.flush();
    }

    /// Reads the next response, body included.
    HttpResponse read() {
        Poco::Net::HTTPResponse response;
        response.read(stream_);
        HttpResponse result;
        result.status = static_cast<int>(response.getStatus());
        result.reason = response.getReason();
        for (const auto& [name, value] : response) result.headers[Poco::toLower(name)] = value;
        result.body.resize(static_cast<std::size_t>(response.getContentLength()));
        stream_.read(result.body.data(), static_cast<std::streamsize>(result.body.size()));
        if (stream_.gcount() != static_cast<std::streamsize>(result.body.size()))
            throw std::runtime_error("connection ended inside a response body");
        return result;
    }

    /// True when the gateway has closed the connection (within the receive timeout).
    bool closedByGateway() { return stream_.peek() == std::char_traits<char>::eof(); }

private:
    Poco::Net::StreamSocket socket_;
    Poco::Net::SocketStream stream_;
};

class KeepAliveTest : public GatewayTest {
protected:
    /// After `first`, the same connection must still serve a chat completion.
    void expectNextRequestServed(Connection& connection) {
        const HttpResponse next = connection.send("POST", "/v1/chat/completions", chatBody("demo"), kMasterKey);
        EXPECT_EQ(next.status, 200) << next.describe();
    }
};

TEST_F(KeepAliveTest, RejectedKeyLeavesNoBodyBehind) {
    Connection connection(port());
    expectOpenAiError(connection.send("POST", "/v1/chat/completions", chatBody("demo"), "sk-wrong"), 401);
    expectNextRequestServed(connection);
}

TEST_F(KeepAliveTest, UnknownPathLeavesNoBodyBehind) {
    Connection connection(port());
    expectOpenAiError(connection.send("POST", "/v1/no-such-endpoint", chatBody("demo"), kMasterKey), 404);
    expectNextRequestServed(connection);
}

TEST_F(KeepAliveTest, BodyOnAnEndpointThatReadsNoneIsSkipped) {
    Connection connection(port());
    const HttpResponse models = connection.send("GET", "/v1/models", chatBody("demo"), kMasterKey);
    EXPECT_EQ(models.status, 200) << models.describe();
    expectNextRequestServed(connection);
}

TEST_F(KeepAliveTest, PipelinedRequestsAreAnsweredInOrder) {
    Connection connection(port());
    connection.write("POST", "/v1/chat/completions", chatBody("demo"), kMasterKey);
    connection.write("GET", "/v1/models", "", kMasterKey);
    const HttpResponse first = connection.read();
    EXPECT_EQ(first.status, 200) << first.describe();
    EXPECT_EQ(first.json()->getValue<std::string>("object"), "chat.completion");
    const HttpResponse second = connection.read();
    EXPECT_EQ(second.status, 200) << second.describe();
    EXPECT_EQ(second.json()->getValue<std::string>("object"), "list");
}

TEST_F(KeepAliveTest, UnparsableRequestIs400AndClosesTheConnection) {
    // A method longer than Poco accepts: the request line itself cannot be parsed.
    const std::string answer = exchangeUntilClosed(port(), std::string(64, 'A') + " /v1/models HTTP/1.1\r\n\r\n", false);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << answer;
}

class KeepAliveLimitTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override { config.max_keep_alive_requests = 2; }
};

TEST_F(KeepAliveLimitTest, ConnectionClosesAfterMaxKeepAliveRequests) {
    Connection connection(port());
    const HttpResponse first = connection.send("GET", "/v1/models", "", kMasterKey);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(Poco::toLower(first.header("connection")), "keep-alive");
    const HttpResponse second = connection.send("GET", "/v1/models", "", kMasterKey);
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(Poco::toLower(second.header("connection")), "close");
    EXPECT_TRUE(connection.closedByGateway());
}

}  // namespace
}  // namespace portico::itest
