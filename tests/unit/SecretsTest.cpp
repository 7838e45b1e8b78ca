// portico/secrets.hpp: the one list of credential names the host and the bundled observers share.
#include <gtest/gtest.h>

#include <portico/secrets.hpp>

namespace portico::sdk {
namespace {

TEST(SecretsTest, HeadersAreMatchedWithoutCase) {
    for (const char* name : {"Authorization", "x-api-key", "X-Goog-Api-Key", "api-key", "Cookie"})
        EXPECT_TRUE(isSecretHeader(name)) << name;
    for (const char* name : {"content-type", "x-request-id", "authorization-hint"})
        EXPECT_FALSE(isSecretHeader(name)) << name;
}

TEST(SecretsTest, UrlQueryKeepsEverythingButSecretValues) {
    EXPECT_EQ(redactUrlQuery("https://h/v1/chat/completions"), "https://h/v1/chat/completions");
    EXPECT_EQ(redactUrlQuery("https://h/m:generate?alt=sse&KEY=sk-1&api_key=sk-2#frag"),
              "https://h/m:generate?alt=sse&KEY=[REDACTED]&api_key=[REDACTED]#frag");
    EXPECT_EQ(redactUrlQuery("https://h/x?key=sk-1"), "https://h/x?key=[REDACTED]");
    // A parameter without a value, and one whose name only contains "key", are left alone.
    EXPECT_EQ(redactUrlQuery("https://h/x?key&monkey=1&"), "https://h/x?key&monkey=1&");
}

}  // namespace
}  // namespace portico::sdk
