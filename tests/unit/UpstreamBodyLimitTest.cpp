// UpstreamRequest::max_body_bytes: a whole-body read stops at the cap, whatever the framing.
#include <gtest/gtest.h>

#include <string>

#include "support/LocalHttpServer.h"
#include "support/UpstreamCalls.h"
#include "upstream/UpstreamPool.h"

namespace portico::upstream {
namespace {

using testsupport::getRequest;
using testsupport::LocalHttpServer;
using testsupport::readToEnd;
using testsupport::ServerExchange;
using testsupport::upstreamErrorFrom;

constexpr std::size_t kCap = 1000;
const std::string kBigBody(64 * 1024, 'x');

UpstreamRequest cappedRequest(const std::string& url) {
    UpstreamRequest request = getRequest(url);
    request.max_body_bytes = kCap;
    return request;
}

/// Sends `body` chunked, in pieces, so the reader cannot know its size up front.
void sendChunked(Poco::Net::HTTPServerResponse& response, const std::string& body) {
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    for (std::size_t at = 0; at < body.size() && out.good(); at += 4096) out << body.substr(at, 4096) << std::flush;
}

TEST(UpstreamBodyLimitTest, DeclaredLengthOverTheCapFailsAndClosesTheConnection) {
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { LocalHttpServer::sendText(response, kBigBody); });
    UpstreamPool pool;

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(cappedRequest(server.url())); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::TooLarge) << error.what();
    EXPECT_NE(std::string(error.what()).find(std::to_string(kCap)), std::string::npos) << error.what();
    EXPECT_EQ(pool.idleConnections(), 0u) << "a connection with an unread body went back to the pool";
}

TEST(UpstreamBodyLimitTest, ChunkedBodyOverTheCapFails) {
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { sendChunked(response, kBigBody); });
    UpstreamPool pool;

    EXPECT_EQ(upstreamErrorFrom([&] { pool.send(cappedRequest(server.url())); }).kind(), UpstreamErrorKind::TooLarge);
    EXPECT_EQ(pool.idleConnections(), 0u);
}

TEST(UpstreamBodyLimitTest, BodiesUpToTheCapAreRead) {
    LocalHttpServer server([](Poco::Net::HTTPServerRequest& request, auto& response, const ServerExchange&) {
        const std::string body(kCap, 'y');
        if (request.getURI() == "/chunked") sendChunked(response, body);
        else LocalHttpServer::sendText(response, body);
    });
    UpstreamPool pool;

    EXPECT_EQ(pool.send(cappedRequest(server.url("/length"))).body.size(), kCap);
    EXPECT_EQ(pool.send(cappedRequest(server.url("/chunked"))).body.size(), kCap);
}

TEST(UpstreamBodyLimitTest, AStreamReadPieceByPieceIsNotCappedInTotal) {
    LocalHttpServer server([](auto&, auto& response, const ServerExchange&) { sendChunked(response, kBigBody); });
    UpstreamPool pool;

    const std::unique_ptr<UpstreamStream> stream = pool.open(cappedRequest(server.url()));
    EXPECT_EQ(readToEnd(*stream).size(), kBigBody.size());
}

}  // namespace
}  // namespace portico::upstream
