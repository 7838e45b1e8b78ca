#include <gtest/gtest.h>

#include <simdjson.h>

#include "pipeline/ChatRequest.h"
#include "pipeline/ModelSplice.h"
#include "core/GatewayError.h"
#include "core/ThreadJsonParser.h"

using portico::pipeline::parseChatRequest;
using portico::pipeline::spliceModel;
using portico::core::GatewayError;

namespace {

int statusOf(const std::string& body) {
    try {
        parseChatRequest(body);
    } catch (const GatewayError& error) {
        return error.status();
    }
    return 200;
}

std::string messageOf(const std::string& body) {
    try {
        parseChatRequest(body);
    } catch (const GatewayError& error) {
        return error.what();
    }
    return {};
}

}  // namespace

TEST(ChatRequestTest, ReadsModelAndStreamFlag) {
    const auto request = parseChatRequest(R"({"model":"demo","stream":true,"messages":[{"role":"user","content":"hi"}]})");
    EXPECT_EQ(request.model, "demo");
    EXPECT_TRUE(request.stream);
    EXPECT_FALSE(parseChatRequest(R"({"model":"m","messages":[{"role":"user","content":"x"}]})").stream);
    EXPECT_FALSE(parseChatRequest(R"({"model":"m","stream":null,"messages":[{"role":"user"}]})").stream);
}

TEST(ChatRequestTest, RejectsMalformedJsonAnywhereInTheDocument) {
    EXPECT_EQ(statusOf("{not json"), 400);
    EXPECT_EQ(statusOf(R"({"model":"m","messages":[{"role":"user","content":"x",}]})"), 400);
    EXPECT_NE(messageOf("{not json").find("not valid JSON"), std::string::npos);
}

TEST(ChatRequestTest, NamesTheMissingOrWrongField) {
    EXPECT_NE(messageOf(R"({"messages":[{"role":"user"}]})").find("'model'"), std::string::npos);
    EXPECT_NE(messageOf(R"({"model":"","messages":[{"role":"user"}]})").find("'model'"), std::string::npos);
    EXPECT_NE(messageOf(R"({"model":"m"})").find("'messages'"), std::string::npos);
    EXPECT_NE(messageOf(R"({"model":"m","messages":[]})").find("must not be empty"), std::string::npos);
    EXPECT_NE(messageOf(R"({"model":"m","messages":[{"content":"x"}]})").find("messages[0].role"), std::string::npos);
    EXPECT_NE(messageOf(R"({"model":"m","stream":"yes","messages":[{"role":"user"}]})").find("'stream'"), std::string::npos);
    EXPECT_EQ(statusOf("[1,2]"), 400);
}

TEST(ChatRequestTest, SplicesOnlyTheModelValueAndKeepsEveryOtherByte) {
    const std::string body =
        "{\n  \"messages\": [{\"role\":\"user\",\"content\":\"model \\\"x\\\" caf\\u00e9\"}],\n  \"model\" :  \"alias\" ,\n"
        "  \"temperature\": 0.50, \"seed\": 9007199254740993\n}";
    const auto request = parseChatRequest(body);
    const std::string out = spliceModel(request.body, "gpt-4o-mini");
    std::string expected = body;
    expected.replace(expected.find("\"alias\""), 7, "\"gpt-4o-mini\"");
    EXPECT_EQ(out, expected);
    EXPECT_EQ(parseChatRequest(out).model, "gpt-4o-mini");
}

TEST(ChatRequestTest, EscapesTheSplicedModelName) {
    const auto request = parseChatRequest(R"({"model":"a","messages":[{"role":"user"}]})");
    EXPECT_EQ(parseChatRequest(spliceModel(request.body, "we\"ird\\name")).model, "we\"ird\\name");
}

// Found by tests/fuzz/fuzz_chat_request: parseChatRequest reads an escaped key as "model", and the
// splice looked for the raw text "model", missed it and threw simdjson_error (a 500).
TEST(ChatRequestTest, SplicesAModelKeyWrittenWithEscapes) {
    const auto request = parseChatRequest(R"({"mod\u0065l" : "alias","messages":[{"role":"user"}]})");
    EXPECT_EQ(request.model, "alias");
    EXPECT_EQ(spliceModel(request.body, "gpt-4o-mini"), R"({"mod\u0065l" : "gpt-4o-mini","messages":[{"role":"user"}]})");
}

namespace {

GatewayError errorOf(const std::string& body) {
    try {
        parseChatRequest(body);
    } catch (const GatewayError& error) {
        return error;
    }
    return GatewayError(200, "", "", "accepted");
}

}  // namespace

TEST(ChatRequestTest, RejectsADuplicateTopLevelKeyNamingIt) {
    // The gateway would route by one "model" while an upstream that keeps the last serves the other.
    const auto error = errorOf(R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"model":"demo"})");
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.type(), "invalid_request_error");
    EXPECT_EQ(error.param(), "model");
    EXPECT_NE(std::string(error.what()).find("Duplicate key 'model'"), std::string::npos) << error.what();
    // Keys compare as parsers read them: an escape does not make a second "stream" a different key.
    EXPECT_EQ(errorOf(R"({"model":"m","stream":false,"messages":[{"role":"user"}],"str\u0065am":true})").param(), "stream");
}

TEST(ChatRequestTest, RejectsADuplicateKeyInAMessage) {
    const auto error = errorOf(R"({"model":"m","messages":[{"role":"user"},{"role":"user","content":"a","content":"b"}]})");
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.param(), "messages[1].content");
    EXPECT_NE(std::string(error.what()).find("messages[1]"), std::string::npos) << error.what();
    EXPECT_EQ(statusOf(R"({"model":"m","messages":[{"role":"user","role":"system"}]})"), 400);
}

TEST(ChatRequestTest, ThreadParsersGiveBackWhatABigBodyMadeThemGrow) {
    using DomParser = portico::core::ThreadJsonParser<simdjson::dom::parser>;
    using OnDemandParser = portico::core::ThreadJsonParser<simdjson::ondemand::parser>;
    const std::string big_text(3 * DomParser::kRetainedBytes, 'a');
    const auto request = parseChatRequest(R"({"model":"m","messages":[{"role":"user","content":")" + big_text + "\"}]}");
    EXPECT_LE(DomParser::retainedCapacity(), DomParser::kRetainedBytes);
    spliceModel(request.body, "renamed");
    EXPECT_LE(OnDemandParser::retainedCapacity(), OnDemandParser::kRetainedBytes);

    // A body that fails validation after parsing releases them too.
    EXPECT_EQ(statusOf(R"({"model":"","messages":[{"role":"user","content":")" + big_text + "\"}]}"), 400);
    EXPECT_LE(DomParser::retainedCapacity(), DomParser::kRetainedBytes);

    // Ordinary bodies keep their buffers: that reuse is what the thread-local parsers are for.
    parseChatRequest(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})");
    EXPECT_GT(DomParser::retainedCapacity(), 0u);
}
