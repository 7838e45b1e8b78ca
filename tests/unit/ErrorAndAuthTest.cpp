#include <gtest/gtest.h>

#include <Poco/Net/HTTPRequestHandler.h>

#include "auth/MasterKeyAuth.h"
#include "core/GatewayError.h"
#include "http/ErrorResponder.h"

using portico::core::GatewayError;

TEST(ErrorResponderTest, RendersOpenAiErrorShapeWithNullsForEmptyFields) {
    EXPECT_EQ(portico::http::ErrorResponder::body(GatewayError::badRequest("bad \"x\"")),
              R"({"error":{"message":"bad \"x\"","type":"invalid_request_error","param":null,"code":null}})");
    EXPECT_EQ(portico::http::ErrorResponder::body(GatewayError::notFound("nope", "model_not_found")),
              R"({"error":{"message":"nope","type":"invalid_request_error","param":null,"code":"model_not_found"}})");
}

TEST(MasterKeyAuthTest, AcceptsOnlyTheExactBearerKey) {
    using portico::auth::keysEqual;
    EXPECT_TRUE(keysEqual("sk-abc", "sk-abc"));
    EXPECT_FALSE(keysEqual("sk-abd", "sk-abc"));
    EXPECT_FALSE(keysEqual("sk-ab", "sk-abc"));
    EXPECT_FALSE(keysEqual("sk-abcd", "sk-abc"));
    EXPECT_FALSE(keysEqual("", ""));
}

TEST(MasterKeyAuthTest, ReadsBearerOrXApiKey) {
    Poco::Net::HTTPRequest request;
    EXPECT_EQ(portico::auth::presentedKey(request), "");
    request.set("x-api-key", "k1");
    EXPECT_EQ(portico::auth::presentedKey(request), "k1");
    request.set("Authorization", "Bearer k2");
    EXPECT_EQ(portico::auth::presentedKey(request), "k2");
    request.set("Authorization", "Basic abc");
    EXPECT_EQ(portico::auth::presentedKey(request), "");
    try {
        portico::auth::requireMasterKey(request, "k2");
        FAIL() << "expected 401";
    } catch (const GatewayError& error) {
        EXPECT_EQ(error.status(), 401);
    }
}
