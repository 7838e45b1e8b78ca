// streamGenerateContent?alt=sse events -> chat.completion.chunk (and native pass-through).
#include <gtest/gtest.h>

#include "GeminiStream.h"
#include "GeminiTestSupport.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using test::parse;
using test::str;

TEST(GeminiStreamTest, EachEventIsOneChunkRoleFirstFinishLastUsageLastWins) {
    GeminiStream stream(false, "gemini-2.5-flash");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    ASSERT_EQ(stream.feed(R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}],"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4},"responseId":"r1"})", sink), PORTICO_OK);
    ASSERT_EQ(stream.feed("\n" R"({"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2,"totalTokenCount":6}})" "\n", sink), PORTICO_OK);
    EXPECT_NO_THROW(stream.end());
    ASSERT_EQ(recorder.chunks.size(), 2u);
    simdjson::dom::parser p1, p2;
    const auto first = parse(p1, recorder.chunks[0]);
    const auto last = parse(p2, recorder.chunks[1]);
    EXPECT_EQ(str(first["object"]), "chat.completion.chunk");
    EXPECT_EQ(str(first["id"]), "chatcmpl-r1");
    EXPECT_EQ(str(last["id"]), "chatcmpl-r1") << "one id for the whole stream";
    EXPECT_EQ(str(first["choices"].at(0)["delta"]["role"]), "assistant");
    EXPECT_EQ(str(first["choices"].at(0)["delta"]["content"]), "Hel");
    EXPECT_TRUE(first["choices"].at(0)["finish_reason"].is_null());
    EXPECT_TRUE(last["choices"].at(0)["delta"]["role"].error()) << "role only on the first delta";
    EXPECT_EQ(str(last["choices"].at(0)["delta"]["content"]), "lo");
    EXPECT_EQ(str(last["choices"].at(0)["finish_reason"]), "stop");
    EXPECT_EQ(recorder.usage_calls, 2);
    EXPECT_EQ(recorder.usage.completion_tokens, 2u);
    EXPECT_EQ(recorder.usage.total_tokens, 6u);
}

TEST(GeminiStreamTest, MultiByteCharactersOnAChunkBoundaryArriveIntact) {
    // Each Gemini event is a whole JSON document, so a character is never split inside one feed
    // (the host's SSE splitter reassembles a character cut across TCP reads, SseEventSplitterTest);
    // what the plugin must get right is that both halves of a word around a multi-byte character,
    // raw or \u-escaped (a surrogate pair), come out as the same UTF-8.
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    stream.feed(R"({"candidates":[{"content":{"parts":[{"text":"caf"}]}}]})", sink);
    stream.feed(R"({"candidates":[{"content":{"parts":[{"text":"é \ud83d\ude00"}]},"finishReason":"STOP"}]})", sink);
    std::string text;
    for (const std::string& chunk : recorder.chunks) {
        simdjson::dom::parser parser;
        text += str(parse(parser, chunk)["choices"].at(0)["delta"]["content"]);
    }
    EXPECT_EQ(text, "café \xF0\x9F\x98\x80");
}

TEST(GeminiStreamTest, StreamWithoutFinishReasonIsA502) {
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    stream.feed(R"({"candidates":[{"content":{"parts":[{"text":"partial"}]}}]})", sink);
    try {
        stream.end();
        FAIL() << "a cut stream passed as complete";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_EQ(e.httpStatus(), 502);
    }
}

TEST(GeminiStreamTest, FunctionCallsAreStreamedWholeWithIndexesAndToolCallsFinish) {
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    stream.feed(R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"a","args":{"x":1}}}]}}]})", sink);
    stream.feed(R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"b","args":{}}}]},"finishReason":"STOP"}]})", sink);
    ASSERT_EQ(recorder.chunks.size(), 2u);
    simdjson::dom::parser p1, p2;
    const auto first = parse(p1, recorder.chunks[0]);
    const auto second = parse(p2, recorder.chunks[1]);
    auto call0 = first["choices"].at(0)["delta"]["tool_calls"].at(0);
    EXPECT_EQ(call0["index"].get_int64().value(), 0);
    EXPECT_TRUE(str(call0["id"]).starts_with("call_"));
    EXPECT_EQ(str(call0["function"]["arguments"]), R"({"x":1})");
    EXPECT_EQ(second["choices"].at(0)["delta"]["tool_calls"].at(0)["index"].get_int64().value(), 1);
    EXPECT_EQ(str(second["choices"].at(0)["finish_reason"]), "tool_calls");
}

TEST(GeminiStreamTest, ErrorObjectInTheStreamThrowsWithItsStatus) {
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    try {
        stream.feed(R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})", sink);
        FAIL();
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 503);
        EXPECT_STREQ(e.what(), "The model is overloaded.");
    }
}

TEST(GeminiStreamTest, NonJsonEventIsA502) {
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    try {
        stream.feed("<html>", sink);
        FAIL();
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 502);
    }
}

TEST(GeminiStreamTest, BlockedPromptEndsTheStreamWithContentFilter) {
    GeminiStream stream(false, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    stream.feed(R"({"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}})", sink);
    EXPECT_NO_THROW(stream.end());
    ASSERT_EQ(recorder.chunks.size(), 1u);
    simdjson::dom::parser parser;
    EXPECT_EQ(str(parse(parser, recorder.chunks[0])["choices"].at(0)["finish_reason"]), "content_filter");
}

TEST(GeminiStreamTest, NativeEventsAreEmittedUnchangedWithUsage) {
    GeminiStream stream(true, "m");
    test::RecordingSink recorder;
    portico_chunk_sink sink = recorder.sink();
    const std::string first = R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]}}]})";
    const std::string last = R"({"candidates":[{"content":{"role":"model","parts":[{"text":"!"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":2,"candidatesTokenCount":2,"totalTokenCount":4}})";
    stream.feed(first, sink);
    stream.feed(last, sink);
    EXPECT_NO_THROW(stream.end());
    ASSERT_EQ(recorder.chunks.size(), 2u);
    EXPECT_EQ(recorder.chunks[0], first);
    EXPECT_EQ(recorder.chunks[1], last);
    EXPECT_EQ(recorder.usage.total_tokens, 4u);
}

}  // namespace
}  // namespace portico::gemini
