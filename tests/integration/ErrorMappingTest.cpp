// Every failure reaches the client as an OpenAI error body with the status the contract names,
// whether the gateway itself refused the request or the upstream failed.
#include <gtest/gtest.h>

#include <Poco/String.h>

#include <algorithm>
#include <chrono>

#include "support/GatewayTest.h"
#include "support/RawHttp.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class ErrorMappingTest : public GatewayTest {};

TEST_F(ErrorMappingTest, MalformedJsonIs400) {
    expectOpenAiError(chat(R"({"model":"gpt-test","messages":[)"), 400);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, MissingMessagesIs400) {
    expectOpenAiError(chat(R"({"model":"gpt-test"})"), 400);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, MissingModelIs400) {
    expectOpenAiError(chat(R"({"messages":[{"role":"user","content":"hi"}]})"), 400);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, DuplicateTopLevelKeyIs400NamingTheKey) {
    // Routed by one "model" and served by the other upstream, the request would bypass the model table.
    const auto response = chat(R"({"model":"gpt-test","messages":[{"role":"user","content":"hi"}],"model":"demo"})");
    const auto error = expectOpenAiError(response, 400);
    EXPECT_EQ(error->optValue<std::string>("param", ""), "model") << response.body;
    EXPECT_NE(error->getValue<std::string>("message").find("'model'"), std::string::npos) << response.body;
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, WrongMasterKeyIs401) {
    const auto error = expectOpenAiError(chat(chatBody("gpt-test"), "sk-not-the-master-key"), 401);
    EXPECT_EQ(fake_->stat("requests"), 0);
    EXPECT_EQ(error->getValue<std::string>("message").find("sk-not-the-master-key"), std::string::npos)
        << "the rejected key must not be echoed";
}

TEST_F(ErrorMappingTest, MissingAuthorizationIs401) {
    expectOpenAiError(chat(chatBody("gpt-test"), ""), 401);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, UnknownModelIs404) {
    const auto error = expectOpenAiError(chat(chatBody("no-such-model")), 404);
    EXPECT_EQ(error->optValue<std::string>("code", ""), "model_not_found");
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, BodyOverLimitIs413) {
    // config_.max_body_bytes is 64 KiB; stay close above it so the whole body fits the socket
    // buffers even if the gateway answers before reading it.
    const std::string padding(config_.max_body_bytes + 4096, 'a');
    expectOpenAiError(chat(chatBody("gpt-test", padding)), 413);
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, BodyCutShortIs408AndClosesTheConnection) {
    // The client declares 100 bytes, sends 10 and closes its side: the gateway must not parse the
    // fragment (a misleading 400) nor keep a connection whose framing is lost.
    const std::string answer = exchangeUntilClosed(port(), rawChatPost("{\"model\":", 100), true);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408 ")) << answer;
    EXPECT_NE(Poco::toLower(answer).find("connection: close"), std::string::npos) << answer;
    EXPECT_NE(answer.find("\"request_timeout\""), std::string::npos) << answer;
    EXPECT_EQ(fake_->stat("requests"), 0);
}

TEST_F(ErrorMappingTest, UpstreamStatusAndMessageArePassedThrough) {
    for (const int status : {429, 500, 400, 529}) {  // 529: a status Poco has no phrase for
        SCOPED_TRACE(status);
        const auto response = chat(chatBody("upstream-" + std::to_string(status)));
        const auto error = expectOpenAiError(response, status);
        EXPECT_NE(error->getValue<std::string>("message").find("fake upstream error " + std::to_string(status)),
                  std::string::npos)
            << response.body;
    }
    EXPECT_GE(fake_->stat("requests"), 4);
}

TEST_F(ErrorMappingTest, UpstreamErrorBeforeAStreamKeepsItsStatus) {
    // The upstream refuses before sending any event, so the client must get the status, not a 200 stream.
    SseStream stream(port(), chatBody("upstream-429", "Say hello", true), kMasterKey);
    HttpResponse response;
    response.status = stream.status();
    response.reason = stream.reason();
    response.headers["x-request-id"] = stream.header("x-request-id");
    response.body = stream.rest();
    const auto error = expectOpenAiError(response, 429);
    EXPECT_NE(error->getValue<std::string>("message").find("fake upstream error 429"), std::string::npos)
        << response.body;
}

TEST_F(ErrorMappingTest, UpstreamErrorMidStreamReachesTheClientAsAnErrorEvent) {
    // Once 200 is sent the only way to report failure is an in-stream {"error":{...}} event
    // (wire-formats.md §1.4), which the OpenAI SDKs raise as APIError.
    SseStream stream(port(), chatBody("upstream-stream-error", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const auto events = stream.readAll();
    bool sawError = false;
    for (const auto& data : events) {
        if (data == "[DONE]") continue;
        const auto event = parseObject(data);
        if (const auto error = event->getObject("error")) {
            sawError = true;
            EXPECT_TRUE(error->has("message")) << data;
        }
    }
    EXPECT_TRUE(sawError) << "the upstream's error event was lost; events: " << events.size();
}

TEST_F(ErrorMappingTest, UpstreamStreamCutBeforeDoneEndsWithAnErrorEventNotDone) {
    // The upstream's body ends cleanly after one content chunk: a truncated answer must not be
    // passed off as complete.
    SseStream stream(port(), chatBody("upstream-stream-cut", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const auto events = stream.readAll();
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(std::count(events.begin(), events.end(), "[DONE]"), 0) << "a cut stream was completed";
    const auto last = parseObject(events.back());
    const auto error = last->getObject("error");
    ASSERT_TRUE(error) << events.back();
    EXPECT_NE(error->getValue<std::string>("message").find("[DONE]"), std::string::npos) << events.back();
    EXPECT_EQ(parseObject(events.front())->getValue<std::string>("object"), "chat.completion.chunk");
}

TEST_F(ErrorMappingTest, UpstreamTimeoutIs504WithinTheModelTimeout) {
    // The fake answers after 3 s; the model's timeout is 0.5 s.
    const auto start = std::chrono::steady_clock::now();
    const auto response = chat(chatBody("upstream-timeout"));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    expectOpenAiError(response, 504);
    EXPECT_LT(elapsed, std::chrono::milliseconds(2500)) << "the gateway waited for the slow upstream";
}

TEST_F(ErrorMappingTest, UpstreamResetIs502) {
    expectOpenAiError(chat(chatBody("upstream-reset")), 502);
    EXPECT_GE(fake_->stat("requests"), 1);
    // The gateway survives and serves the next request.
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200);
}

}  // namespace
}  // namespace portico::itest
