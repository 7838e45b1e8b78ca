// ConverseStream event-stream bytes into chat.completion.chunks: text, tool calls keyed by
// contentBlockIndex, usage after messageStop, bytes split anywhere, exceptions and cut streams.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "../openai/RecordingSinks.h"
#include "ConverseStream.h"
#include "EventStreamFrames.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using openai::testing::RecordedStream;
using plugin_common::PluginError;
using testing::event;

const std::string kStart = event("messageStart", R"({"role":"assistant"})");
const std::string kStop = event("messageStop", R"({"stopReason":"end_turn"})");
const std::string kMetadata = event(
    "metadata", R"({"usage":{"inputTokens":10,"outputTokens":3,"totalTokens":13,"cacheReadInputTokens":4},"metrics":{"latencyMs":9}})");

std::string text(const std::string& piece, int block = 0) {
    return event("contentBlockDelta",
                 R"({"contentBlockIndex":)" + std::to_string(block) + R"(,"delta":{"text":")" + piece + R"("},"p":"abcd"})");
}

std::string joined(const RecordedStream& recorded, const char* pointer) {
    std::string out;
    simdjson::dom::parser parser;
    for (const std::string& chunk : recorded.chunks) {
        std::string_view piece;
        if (parser.parse(chunk).at_pointer(pointer).get(piece) == simdjson::SUCCESS) out.append(piece);
    }
    return out;
}

std::string valueAt(const std::string& json, const char* pointer) {
    simdjson::dom::parser parser;
    simdjson::dom::element value;
    if (parser.parse(json).at_pointer(pointer).get(value) != simdjson::SUCCESS) return "<absent>";
    return simdjson::minify(value);
}

TEST(ConverseStreamTest, TextStreamBecomesRoleContentAndAFinishChunkWithUsage) {
    ConverseStream stream("chatcmpl-r1", "anthropic.claude-3-haiku-20240307-v1:0", 1700000000);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    const std::string bytes = kStart + text("Hel") + text("lo") + event("contentBlockStop", R"({"contentBlockIndex":0})") +
                              kStop + kMetadata;
    ASSERT_EQ(stream.feed(bytes, sink), PORTICO_OK);
    stream.end(sink);
    ASSERT_EQ(recorded.chunks.size(), 4u);
    EXPECT_EQ(valueAt(recorded.chunks[0], "/choices/0/delta"), R"({"role":"assistant","content":""})");
    EXPECT_EQ(valueAt(recorded.chunks[0], "/object"), R"("chat.completion.chunk")");
    EXPECT_EQ(valueAt(recorded.chunks[0], "/id"), R"("chatcmpl-r1")");
    EXPECT_EQ(valueAt(recorded.chunks[0], "/model"), R"("anthropic.claude-3-haiku-20240307-v1:0")");
    EXPECT_EQ(joined(recorded, "/choices/0/delta/content"), "Hello");
    EXPECT_EQ(valueAt(recorded.chunks[3], "/choices/0/finish_reason"), R"("stop")");
    EXPECT_EQ(valueAt(recorded.chunks[3], "/usage"),
              R"({"prompt_tokens":14,"completion_tokens":3,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}})");
    EXPECT_EQ(recorded.usage_calls, 1);
    EXPECT_EQ(recorded.usage.prompt_tokens, 14u);
    EXPECT_EQ(recorded.usage.cached_tokens, 4u);
}

TEST(ConverseStreamTest, BytesSplitAnywhereGiveTheSameChunks) {
    const std::string bytes = kStart + text("a") + text("b") + kStop + kMetadata;
    RecordedStream whole;
    {
        ConverseStream stream("id", "m", 1);
        portico_chunk_sink sink = whole.sink();
        ASSERT_EQ(stream.feed(bytes, sink), PORTICO_OK);
        stream.end(sink);
    }
    for (const std::size_t step : {1u, 3u, 11u, 64u}) {
        RecordedStream split;
        ConverseStream stream("id", "m", 1);
        portico_chunk_sink sink = split.sink();
        for (std::size_t at = 0; at < bytes.size(); at += step)
            ASSERT_EQ(stream.feed(std::string_view(bytes).substr(at, step), sink), PORTICO_OK);
        stream.end(sink);
        EXPECT_EQ(split.chunks, whole.chunks) << step;
    }
}

TEST(ConverseStreamTest, ToolUseBlocksBecomeToolCallsNumberedInStartOrder) {
    ConverseStream stream("id", "m", 1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    const std::string bytes =
        kStart + text("Checking") + event("contentBlockStop", R"({"contentBlockIndex":0})") +
        event("contentBlockStart", R"({"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tooluse_02","name":"get_time"}}})") +
        event("contentBlockDelta", R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"tz\":\"Eur"}}})") +
        event("contentBlockDelta", R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"ope/Oslo\"}"}}})") +
        event("contentBlockStop", R"({"contentBlockIndex":1})") + event("messageStop", R"({"stopReason":"tool_use"})") + kMetadata;
    ASSERT_EQ(stream.feed(bytes, sink), PORTICO_OK);
    stream.end(sink);
    ASSERT_EQ(recorded.chunks.size(), 6u);
    EXPECT_EQ(valueAt(recorded.chunks[2], "/choices/0/delta/tool_calls/0"),
              R"({"index":0,"id":"tooluse_02","type":"function","function":{"name":"get_time","arguments":""}})");
    EXPECT_EQ(joined(recorded, "/choices/0/delta/tool_calls/0/function/arguments"), R"({"tz":"Europe/Oslo"})");
    EXPECT_EQ(valueAt(recorded.chunks[3], "/choices/0/delta/tool_calls/0/index"), "0");
    EXPECT_EQ(valueAt(recorded.chunks[5], "/choices/0/finish_reason"), R"("tool_calls")");
}

TEST(ConverseStreamTest, StopReasonsMapToFinishReasons) {
    for (const auto& [stop, finish] : std::vector<std::pair<std::string, std::string>>{
             {"max_tokens", "length"}, {"stop_sequence", "stop"}, {"content_filtered", "content_filter"},
             {"guardrail_intervened", "content_filter"}, {"model_context_window_exceeded", "length"}}) {
        ConverseStream stream("id", "m", 1);
        RecordedStream recorded;
        portico_chunk_sink sink = recorded.sink();
        ASSERT_EQ(stream.feed(kStart + event("messageStop", R"({"stopReason":")" + stop + "\"}") + kMetadata, sink), PORTICO_OK);
        EXPECT_EQ(valueAt(recorded.chunks.back(), "/choices/0/finish_reason"), "\"" + finish + "\"") << stop;
    }
}

TEST(ConverseStreamTest, WithoutMetadataTheFinishChunkComesAtTheEnd) {
    ConverseStream stream("id", "m", 1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    ASSERT_EQ(stream.feed(kStart + text("x") + kStop, sink), PORTICO_OK);
    EXPECT_EQ(recorded.chunks.size(), 2u);
    stream.end(sink);
    ASSERT_EQ(recorded.chunks.size(), 3u);
    EXPECT_EQ(valueAt(recorded.chunks[2], "/choices/0/finish_reason"), R"("stop")");
    EXPECT_EQ(valueAt(recorded.chunks[2], "/usage"), "<absent>");
    EXPECT_EQ(recorded.usage_calls, 0);
}

TEST(ConverseStreamTest, AnExceptionFrameThrowsItsError) {
    ConverseStream stream("id", "m", 1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    try {
        stream.feed(kStart + text("x") + testing::exception("throttlingException", R"({"message":"Too many tokens"})"), sink);
        FAIL() << "no throw";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_EQ(e.httpStatus(), 429);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
        EXPECT_NE(std::string(e.what()).find("Too many tokens"), std::string::npos);
    }
    EXPECT_EQ(recorded.chunks.size(), 2u);  // what came before the exception was delivered
}

TEST(ConverseStreamTest, AnErrorFrameThrows) {
    ConverseStream stream("id", "m", 1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    const std::string error = testing::frame(
        {{":message-type", "error"}, {":error-code", "InternalFailure"}, {":error-message", "oops"}}, "");
    EXPECT_THROW(stream.feed(error, sink), PluginError);
}

TEST(ConverseStreamTest, CutStreamsAndCorruptFramesThrow) {
    {
        ConverseStream stream("id", "m", 1);
        RecordedStream recorded;
        portico_chunk_sink sink = recorded.sink();
        ASSERT_EQ(stream.feed(kStart + text("x"), sink), PORTICO_OK);
        EXPECT_THROW(stream.end(sink), PluginError);  // no messageStop
    }
    {
        ConverseStream stream("id", "m", 1);
        RecordedStream recorded;
        portico_chunk_sink sink = recorded.sink();
        ASSERT_EQ(stream.feed(kStart + kStop.substr(0, 20), sink), PORTICO_OK);
        EXPECT_THROW(stream.end(sink), PluginError);  // cut inside a frame
    }
    {
        ConverseStream stream("id", "m", 1);
        RecordedStream recorded;
        portico_chunk_sink sink = recorded.sink();
        std::string corrupt = text("x");
        corrupt[corrupt.size() - 1] = static_cast<char>(corrupt.back() ^ 0xFF);
        EXPECT_THROW(stream.feed(kStart + corrupt, sink), PluginError);
    }
}

TEST(ConverseStreamTest, UnknownEventsAreSkipped) {
    ConverseStream stream("id", "m", 1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    ASSERT_EQ(stream.feed(kStart + event("somethingNew", R"({"x":1})") + text("y") + kStop + kMetadata, sink), PORTICO_OK);
    EXPECT_EQ(recorded.chunks.size(), 3u);
}

}  // namespace
}  // namespace portico::bedrock
