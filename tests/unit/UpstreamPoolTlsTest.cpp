#include "upstream/UpstreamPool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include "support/LocalHttpServer.h"
#include "support/TestPki.h"
#include "support/UpstreamCalls.h"

// HTTPS upstreams: a Poco HTTPS server on 127.0.0.1 presenting certificates from a throwaway CA,
// reached as https://localhost:<port>.
namespace portico::upstream {
namespace {

using testsupport::getRequest;
using testsupport::LocalHttpServer;
using testsupport::ServerExchange;
using testsupport::TestPki;
using testsupport::upstreamErrorFrom;

TEST(UpstreamPoolTest, HttpsRejectsUntrustedCertificate) {
    const TestPki& pki = TestPki::instance();
    ASSERT_TRUE(pki.ready()) << "openssl could not create the test certificates";
    LocalHttpServer::Options options;
    options.tls = pki.serverContext("localhost");
    LocalHttpServer server(
        [](auto&, auto& response, const ServerExchange&) { LocalHttpServer::sendText(response, "secure"); }, options);
    UpstreamPool pool;  // system CAs only

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(getRequest(server.url("localhost", "/"))); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Tls) << error.what();
    EXPECT_NE(std::string(error.what()).find("certificate verification failed"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("localhost"), std::string::npos) << error.what();
}

TEST(UpstreamPoolTest, HttpsAcceptsCertificateFromCaFile) {
    const TestPki& pki = TestPki::instance();
    ASSERT_TRUE(pki.ready()) << "openssl could not create the test certificates";
    LocalHttpServer::Options options;
    options.tls = pki.serverContext("localhost");
    LocalHttpServer server(
        [](auto&, auto& response, const ServerExchange&) { LocalHttpServer::sendText(response, "secure"); }, options);
    PoolOptions pool_options;
    pool_options.ca_file = pki.caFile();
    UpstreamPool pool(pool_options);

    const UpstreamResponse first = pool.send(getRequest(server.url("localhost", "/")));
    const UpstreamResponse second = pool.send(getRequest(server.url("localhost", "/")));

    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "secure");
    EXPECT_EQ(second.body, "secure");
    EXPECT_EQ(server.acceptedConnections(), 1) << "TLS connections are kept alive too";
}

TEST(UpstreamPoolTest, HttpsChecksHostNameEvenForLoopback) {
    // Poco skips the host name check for loopback hosts unless verification is STRICT.
    const TestPki& pki = TestPki::instance();
    ASSERT_TRUE(pki.ready()) << "openssl could not create the test certificates";
    LocalHttpServer::Options options;
    options.tls = pki.serverContext("other.test");
    LocalHttpServer server(
        [](auto&, auto& response, const ServerExchange&) { LocalHttpServer::sendText(response, "secure"); }, options);
    PoolOptions pool_options;
    pool_options.ca_file = pki.caFile();
    UpstreamPool pool(pool_options);

    const UpstreamError error = upstreamErrorFrom([&] { pool.send(getRequest(server.url("localhost", "/"))); });

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Tls) << error.what();
    EXPECT_NE(std::string(error.what()).find("certificate verification failed for host localhost"), std::string::npos)
        << error.what();
}

TEST(UpstreamPoolTest, HttpsWithoutVerificationAcceptsAnyCertificate) {
    const TestPki& pki = TestPki::instance();
    ASSERT_TRUE(pki.ready()) << "openssl could not create the test certificates";
    LocalHttpServer::Options options;
    options.tls = pki.serverContext("other.test");
    LocalHttpServer server(
        [](auto&, auto& response, const ServerExchange&) { LocalHttpServer::sendText(response, "secure"); }, options);
    PoolOptions pool_options;
    pool_options.verify_tls = false;
    UpstreamPool pool(pool_options);

    EXPECT_EQ(pool.send(getRequest(server.url("localhost", "/"))).body, "secure");
}

TEST(UpstreamPoolTest, HttpsReadTimeoutAppliesToReusedConnection) {
    const TestPki& pki = TestPki::instance();
    ASSERT_TRUE(pki.ready()) << "openssl could not create the test certificates";
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    LocalHttpServer::Options options;
    options.tls = pki.serverContext("localhost");
    LocalHttpServer server(
        [&](auto&, auto& response, const ServerExchange& exchange) {
            if (exchange.request > 1) released.wait_for(std::chrono::seconds(4));
            LocalHttpServer::sendText(response, "late");
        },
        options);
    PoolOptions pool_options;
    pool_options.ca_file = pki.caFile();
    UpstreamPool pool(pool_options);
    ASSERT_EQ(pool.send(getRequest(server.url("localhost", "/"))).body, "late");

    UpstreamRequest impatient = getRequest(server.url("localhost", "/"));
    impatient.read_timeout = std::chrono::milliseconds(200);
    const UpstreamError error = upstreamErrorFrom([&] { pool.send(impatient); });
    release.set_value();

    EXPECT_EQ(error.kind(), UpstreamErrorKind::Timeout) << error.what();
    EXPECT_EQ(server.acceptedConnections(), 1);
}

}  // namespace
}  // namespace portico::upstream
