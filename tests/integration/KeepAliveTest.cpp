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
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost("127.0.0.1");
        request.setKeepAlive(true);
        request.set("Authorization", "Bearer " + bearer);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.write(stream_);
        stream_ << body;
        stream_.flush();

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

}  // namespace
}  // namespace portico::itest
