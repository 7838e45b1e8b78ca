// Bedrock error answers and stream exception frames into classed PluginErrors.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "BedrockErrors.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

PluginError caught(const std::function<void()>& body) {
    try {
        body();
    } catch (const PluginError& e) {
        return e;
    }
    ADD_FAILURE() << "no PluginError thrown";
    return PluginError(PORTICO_OK, 0, "");
}

PluginError answer(int32_t status, const std::string& type, const std::string& body) {
    const portico_header headers[] = {{PORTICO_STR("x-amzn-ErrorType"), {type.data(), type.size()}},
                                      {PORTICO_STR("Retry-After"), PORTICO_STR("2")}};
    return caught([&] { throwUpstreamError(status, body, headers, type.empty() ? 0 : 2); });
}

TEST(BedrockErrorsTest, ErrorTypeIsNormalized) {
    EXPECT_EQ(normalizedErrorType("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
              "ValidationException");
    EXPECT_EQ(normalizedErrorType("com.amazon.coral.service#ThrottlingException"), "ThrottlingException");
    EXPECT_EQ(normalizedErrorType("throttlingException"), "throttlingException");
}

TEST(BedrockErrorsTest, ThrottlingIsRateLimitedWithRetryAfter) {
    const PluginError e = answer(429, "ThrottlingException", R"({"message":"Too many requests, please wait."})");
    EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
    EXPECT_EQ(e.httpStatus(), 429);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    EXPECT_EQ(e.retryAfterMs(), 2000u);
    EXPECT_EQ(std::string(e.what()), "bedrock ThrottlingException: Too many requests, please wait.");
}

TEST(BedrockErrorsTest, TooLongInputIsAContextWindowError) {
    for (const char* message : {"Input is too long for requested model.", "The prompt is too long",
                                "Too many input tokens. Max input tokens: 200000"}) {
        const PluginError e = answer(400, "ValidationException", std::string(R"({"message":")") + message + "\"}");
        EXPECT_EQ(e.httpStatus(), 400);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_CONTEXT_WINDOW) << message;
    }
    const PluginError other = answer(400, "ValidationException", R"({"message":"A conversation must start with a user message."})");
    EXPECT_EQ(other.errorClass(), PORTICO_ERROR_CLASS_INVALID_REQUEST);
}

TEST(BedrockErrorsTest, CredentialFailuresAreAuthenticationAndAccessDeniedIsPermission) {
    const PluginError signature = answer(403, "InvalidSignatureException",
                                         R"({"message":"The request signature we calculated does not match the signature you provided."})");
    EXPECT_EQ(signature.httpStatus(), 401);
    EXPECT_EQ(signature.errorClass(), PORTICO_ERROR_CLASS_AUTHENTICATION);
    const PluginError key = answer(403, "UnrecognizedClientException",
                                   R"({"message":"The security token included in the request is invalid."})");
    EXPECT_EQ(key.httpStatus(), 401);
    EXPECT_EQ(key.errorClass(), PORTICO_ERROR_CLASS_AUTHENTICATION);
    const PluginError denied = answer(403, "AccessDeniedException",
                                      R"({"Message":"You don't have access to the model with the specified model ID."})");
    EXPECT_EQ(denied.httpStatus(), 403);
    EXPECT_EQ(denied.errorClass(), PORTICO_ERROR_CLASS_PERMISSION);
    EXPECT_NE(std::string(denied.what()).find("You don't have access"), std::string::npos);
}

TEST(BedrockErrorsTest, TypeFromTheBodyWhenNoHeader) {
    const PluginError e = answer(404, "", R"({"__type":"com.amazon.coral#ResourceNotFoundException","message":"no model"})");
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_NOT_FOUND);
    EXPECT_EQ(std::string(e.what()), "bedrock ResourceNotFoundException: no model");
}

TEST(BedrockErrorsTest, ABodyThatIsNotJsonKeepsTheStatus) {
    const PluginError e = answer(502, "", "<html>Bad Gateway</html>");
    EXPECT_EQ(e.httpStatus(), 502);
    EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_SERVER);
    EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos);
}

TEST(BedrockErrorsTest, StreamExceptionsGetTheirDocumentedStatus) {
    const PluginError throttled =
        caught([] { throwStreamException("throttlingException", R"({"message":"Too many tokens, slow down"})"); });
    EXPECT_EQ(throttled.httpStatus(), 429);
    EXPECT_EQ(throttled.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    const PluginError model = caught([] {
        throwStreamException("modelStreamErrorException", R"({"message":"boom","originalStatusCode":500})");
    });
    EXPECT_EQ(model.httpStatus(), 424);
    const PluginError unknown = caught([] { throwStreamException("somethingNewException", "{}"); });
    EXPECT_EQ(unknown.httpStatus(), 502);
    EXPECT_EQ(std::string(unknown.what()), "bedrock somethingNewException: the stream failed");
}

}  // namespace
}  // namespace portico::bedrock
