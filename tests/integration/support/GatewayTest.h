#pragma once
#include <Poco/Net/HTTPResponse.h>
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "support/FakeUpstream.h"
#include "support/GatewayProcess.h"
#include "support/Http.h"
#include "support/TempDir.h"
#include "support/TestConfig.h"

namespace portico::itest {

/// Base fixture: a fake upstream and a gateway configured by TestConfig, both fresh per test so
/// counters, the events file and pooled connections start from zero. Subclasses that need another
/// config override makeConfig().
class GatewayTest : public ::testing::Test {
protected:
    void SetUp() override {
        fake_ = std::make_unique<FakeUpstream>();
        config_.api_base = fake_->apiBase();
        config_.events_path = (dir_ / "events.jsonl").string();
        adjustConfig(config_);
        gateway_ = std::make_unique<GatewayProcess>(dir_, config_.yaml());
    }

    /// Hook to change the shared config before the gateway starts.
    virtual void adjustConfig(TestConfig&) {}

    int port() const { return gateway_->port(); }
    HttpResponse chat(const std::string& body, const std::string& key = kMasterKey) const {
        return httpPostJson(port(), "/v1/chat/completions", body, key);
    }

    TempDir dir_;
    TestConfig config_;
    std::unique_ptr<FakeUpstream> fake_;
    std::unique_ptr<GatewayProcess> gateway_;
};

/// Checks the OpenAI error shape ({"error":{"message","type","param","code"}}), the status and
/// the x-request-id header every gateway response carries. Returns the error object.
inline Poco::JSON::Object::Ptr expectOpenAiError(const HttpResponse& response, int status) {
    EXPECT_EQ(response.status, status) << response.describe();
    // The status's own phrase where Poco knows one, never Poco's "???" for the others.
    const std::string& known =
        Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    if (known != Poco::Net::HTTPResponse::HTTP_REASON_UNKNOWN)
        EXPECT_EQ(response.reason, known) << "status line of a " << status;
    else
        EXPECT_TRUE(!response.reason.empty() && response.reason != known) << "status line of a " << status;
    EXPECT_FALSE(response.header("x-request-id").empty()) << "no x-request-id on a " << response.status;
    const auto body = response.json();
    const auto error = body->getObject("error");
    if (!error) throw std::runtime_error("no error object: " + response.body);
    EXPECT_TRUE(error->has("message") && error->get("message").isString()) << response.body;
    EXPECT_TRUE(error->has("type")) << response.body;
    EXPECT_TRUE(error->has("param")) << response.body;
    EXPECT_TRUE(error->has("code")) << response.body;
    return error;
}

}  // namespace portico::itest
