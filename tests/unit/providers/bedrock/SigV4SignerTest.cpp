// SigV4 against the AWS SigV4 test suite's published cases (credentials AKIDEXAMPLE, us-east-1,
// service "service", 2015-08-30T12:36:00Z) and wire-formats.md's worked Converse example, which
// shows the double encoding of a model id's ':' in the canonical URI.
#include <gtest/gtest.h>

#include "SigV4Signer.h"

namespace portico::bedrock {
namespace {

const AwsCredentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};

std::chrono::system_clock::time_point suiteTime() {
    return std::chrono::system_clock::from_time_t(1440938160);  // 2015-08-30T12:36:00Z
}

constexpr const char* kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(SigV4SignerTest, AmzDateIsUtcBasicFormat) { EXPECT_EQ(amzDate(suiteTime()), "20150830T123600Z"); }

TEST(SigV4SignerTest, SuiteGetVanilla) {
    const SignedRequest signed_request = signV4(kSuiteCredentials, {"us-east-1", "service"},
                                                {"GET", "/", "", {{"Host", "example.amazonaws.com"}}, ""}, suiteTime());
    EXPECT_EQ(signed_request.canonical_request,
              std::string("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n") +
                  kEmptyHash);
    EXPECT_EQ(signed_request.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    ASSERT_EQ(signed_request.added_headers.size(), 2u);
    EXPECT_EQ(signed_request.added_headers[0], (std::pair<std::string, std::string>{"X-Amz-Date", "20150830T123600Z"}));
    EXPECT_EQ(signed_request.added_headers[1].second,
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
              "SignedHeaders=host;x-amz-date, "
              "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4SignerTest, SuitePostVanilla) {
    const SignedRequest signed_request = signV4(kSuiteCredentials, {"us-east-1", "service"},
                                                {"POST", "/", "", {{"Host", "example.amazonaws.com"}}, ""}, suiteTime());
    EXPECT_EQ(signed_request.string_to_sign,
              "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
              "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
    EXPECT_EQ(signed_request.signature, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4SignerTest, SuiteQueryOrderKeyCase) {
    const SignedRequest signed_request =
        signV4(kSuiteCredentials, {"us-east-1", "service"},
               {"GET", "/", "Param2=value2&Param1=value1", {{"Host", "example.amazonaws.com"}}, ""}, suiteTime());
    EXPECT_NE(signed_request.canonical_request.find("\nParam1=value1&Param2=value2\n"), std::string::npos);
    EXPECT_EQ(signed_request.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4SignerTest, ConverseModelIdIsDoubleEncodedInTheCanonicalUri) {
    const std::string body = R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})";
    const SignedRequest signed_request =
        signV4(kSuiteCredentials, {"us-east-1", "bedrock"},
               {"POST", "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "",
                {{"Content-Type", "application/json"}, {"Host", "bedrock-runtime.us-east-1.amazonaws.com"}}, body},
               suiteTime());
    EXPECT_EQ(signed_request.canonical_request,
              "POST\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n\n"
              "content-type:application/json\nhost:bedrock-runtime.us-east-1.amazonaws.com\n"
              "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
              "45e583fed2564dc00e823303d7609f8587af7f685b993cb0f998afc0d480b01d");
    EXPECT_EQ(sha256Hex(signed_request.canonical_request),
              "1d16cfc98ccb03e5134e981115155e96108850228a798197b63b47ee6f4dca73");
    EXPECT_EQ(signed_request.signature, "3727b71685329bac0dc44a4bb7e4cd9ccb076c5e1d0490659e5e2461fdb36539");
}

TEST(SigV4SignerTest, SessionTokenIsSentAndSigned) {
    const AwsCredentials temporary{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"};
    const SignedRequest signed_request = signV4(temporary, {"us-east-1", "bedrock"},
                                                {"POST", "/", "", {{"Host", "example.amazonaws.com"}}, ""}, suiteTime());
    EXPECT_EQ(signed_request.added_headers[1], (std::pair<std::string, std::string>{"X-Amz-Security-Token", "session-token"}));
    EXPECT_NE(signed_request.canonical_request.find("\nx-amz-security-token:session-token\n"), std::string::npos);
    EXPECT_NE(signed_request.added_headers.back().second.find("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
              std::string::npos);
}

TEST(SigV4SignerTest, HeaderValuesAreTrimmedAndCollapsed) {
    const SignedRequest signed_request =
        signV4(kSuiteCredentials, {"us-east-1", "service"},
               {"GET", "/", "", {{"Host", "example.amazonaws.com"}, {"My-Header1", "  value1  a   b "}}, ""}, suiteTime());
    EXPECT_NE(signed_request.canonical_request.find("\nmy-header1:value1 a b\n"), std::string::npos);
}

TEST(SigV4SignerTest, UriEncodeKeepsOnlyUnreservedBytes) {
    EXPECT_EQ(uriEncode("a-b_c.d~e/f:g h", false), "a-b_c.d~e%2Ff%3Ag%20h");
    EXPECT_EQ(uriEncode("a/b", true), "a/b");
    EXPECT_EQ(uriEncode("\xc3\xa9", false), "%C3%A9");
}

}  // namespace
}  // namespace portico::bedrock
