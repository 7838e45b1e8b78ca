// Anthropic SSE events (one event's data per feed, as the host splits them) into
// chat.completion.chunks, and relayed unchanged for Anthropic-format clients.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <initializer_list>
#include <string>

#include "../openai/RecordingSinks.h"
#include "AnthropicStream.h"
#include "NativeEventRelay.h"
#include "common/PluginError.h"

namespace portico::anthropic {
namespace {

using openai::testing::RecordedStream;
using plugin_common::PluginError;

constexpr const char* kMessageStart =
    R"({"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",)"
    R"("content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1,"cache_read_input_tokens":5}}})";
constexpr const char* kTextStart = R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})";
constexpr const char* kPing = R"({"type":"ping"})";
constexpr const char* kStop0 = R"({"type":"content_block_stop","index":0})";
constexpr const char* kMessageStop = R"({"type":"message_stop"})";

std::string textDelta(const std::string& text, int index = 0) {
    return R"({"type":"content_block_delta","index":)" + std::to_string(index) +
           R"(,"delta":{"type":"text_delta","text":")" + text + R"("}})";
}

std::string messageDelta(const char* reason, int output_tokens) {
    return R"({"type":"message_delta","delta":{"stop_reason":")" + std::string(reason) +
           R"(","stop_sequence":null},"usage":{"output_tokens":)" + std::to_string(output_tokens) + "}}";
}

template <typename Stream>
void feedAll(Stream& stream, RecordedStream& recorded, std::initializer_list<std::string> events) {
    portico_chunk_sink sink = recorded.sink();
    for (const std::string& event : events) ASSERT_EQ(stream.feed(event, sink), PORTICO_OK) << event;
}

/// Concatenation of one delta field over all chunks (content, or a tool call's arguments).
std::string joined(const RecordedStream& recorded, const char* pointer) {
    std::string text;
    simdjson::dom::parser parser;
    for (const std::string& chunk : recorded.chunks) {
        std::string_view piece;
        if (parser.parse(chunk).at_pointer(pointer).get(piece) == simdjson::SUCCESS) text.append(piece);
    }
    return text;
}

TEST(AnthropicStreamTest, TextStreamBecomesRoleContentAndFinishChunks) {
    AnthropicStream stream(1700000000);
    RecordedStream recorded;
    feedAll(stream, recorded, {kMessageStart, kTextStart, kPing, textDelta("Hel"), textDelta("lo"), kStop0,
                               messageDelta("end_turn", 12), kMessageStop});
    portico_chunk_sink sink = recorded.sink();
    stream.end(sink);
    ASSERT_EQ(recorded.chunks.size(), 4u);
    EXPECT_EQ(recorded.chunks[0],
              R"({"id":"msg_01","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5",)"
              R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})");
    EXPECT_EQ(recorded.chunks[1],
              R"({"id":"msg_01","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5",)"
              R"("choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]})");
    EXPECT_EQ(recorded.chunks[3],
              R"({"id":"msg_01","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5",)"
              R"("choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],)"
              R"("usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":5},)"
              R"("cache_read_input_tokens":5,"cache_creation_input_tokens":0}})");
    EXPECT_EQ(joined(recorded, "/choices/0/delta/content"), "Hello");
    EXPECT_EQ(recorded.usage_calls, 1);  // one final usage, not one per event
    EXPECT_EQ(recorded.usage.prompt_tokens, 30u);
    EXPECT_EQ(recorded.usage.completion_tokens, 12u);
    EXPECT_EQ(recorded.usage.cached_tokens, 5u);
}

TEST(AnthropicStreamTest, ToolCallArgumentsSplitOverManyDeltasArriveWhole) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    const std::string arguments = R"({\"city\": \"Oslo\", \"unit\": \"celsius\"})";
    std::initializer_list<std::string> head = {
        kMessageStart, kTextStart, textDelta("Checking."), kStop0,
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}})"};
    feedAll(stream, recorded, head);
    // One fragment per 3 bytes, never splitting an escape sequence.
    std::string fragment;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        fragment.push_back(arguments[i]);
        if (arguments[i] == '\\') continue;
        if (fragment.size() >= 3 || i + 1 == arguments.size()) {
            feedAll(stream, recorded,
                    {R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":")" + fragment + R"("}})"});
            fragment.clear();
        }
    }
    feedAll(stream, recorded, {R"({"type":"content_block_stop","index":1})", messageDelta("tool_use", 40), kMessageStop});
    EXPECT_GT(recorded.chunks.size(), 10u);
    EXPECT_NE(recorded.chunks[2].find(R"("delta":{"tool_calls":[{"index":0,"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":""}}]})"),
              std::string::npos)
        << recorded.chunks[2];
    EXPECT_EQ(joined(recorded, "/choices/0/delta/tool_calls/0/function/arguments"), R"({"city": "Oslo", "unit": "celsius"})");
    EXPECT_NE(recorded.chunks.back().find(R"("finish_reason":"tool_calls")"), std::string::npos);
}

TEST(AnthropicStreamTest, AUtf8CharacterCutBetweenTwoDeltasComesOutWhole) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    // "€" is E2 82 AC: the first delta ends after E2 82, the second starts with AC. Neither event
    // is valid UTF-8 on its own.
    feedAll(stream, recorded, {kMessageStart, kTextStart, textDelta("5 \xE2\x82"), textDelta("\xAC each"), kStop0,
                               messageDelta("end_turn", 3), kMessageStop});
    EXPECT_EQ(joined(recorded, "/choices/0/delta/content"), "5 \xE2\x82\xAC each");
    for (const std::string& chunk : recorded.chunks)
        EXPECT_TRUE(simdjson::validate_utf8(chunk.data(), chunk.size())) << "a chunk is cut mid-character: " << chunk;
}

TEST(AnthropicStreamTest, AStreamEndingBeforeMessageStopIsABadGateway) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    feedAll(stream, recorded, {kMessageStart, kTextStart, textDelta("Hel")});
    portico_chunk_sink sink = recorded.sink();
    try {
        stream.end(sink);
        FAIL() << "a cut stream must fail";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_EQ(e.httpStatus(), 502);
        EXPECT_NE(std::string(e.what()).find("ended before message_stop"), std::string::npos) << e.what();
    }
    EXPECT_EQ(recorded.usage_calls, 1);  // the input tokens were spent all the same
    EXPECT_EQ(recorded.usage.prompt_tokens, 30u);
}

TEST(AnthropicStreamTest, AnErrorEventIsTheOverloadedUpstreamWithItsMessage) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    feedAll(stream, recorded, {kMessageStart, kTextStart});
    portico_chunk_sink sink = recorded.sink();
    try {
        stream.feed(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", sink);
        FAIL() << "an error event must fail the stream";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 529);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_OVERLOADED);
        EXPECT_STREQ(e.what(), "Overloaded");
    }
}

TEST(AnthropicStreamTest, AMalformedEventIsABadGateway) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    EXPECT_THROW(stream.feed("<html>", sink), PluginError);
}

TEST(AnthropicStreamTest, NothingIsEmittedAfterMessageStop) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    feedAll(stream, recorded, {kMessageStart, kTextStart, kStop0, messageDelta("end_turn", 1), kMessageStop, textDelta("late")});
    EXPECT_EQ(joined(recorded, "/choices/0/delta/content"), "");
}

TEST(AnthropicStreamTest, ThinkingGoesToReasoningContent) {
    AnthropicStream stream(1);
    RecordedStream recorded;
    feedAll(stream, recorded,
            {kMessageStart, R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})",
             R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm."}})",
             R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}})", kStop0});
    EXPECT_EQ(joined(recorded, "/choices/0/delta/reasoning_content"), "Hmm.");
    EXPECT_EQ(recorded.chunks.size(), 2u);  // role chunk + thinking; the signature has no OpenAI field
}

TEST(AnthropicStreamTest, NativeEventsAreRelayedUnchangedWithTheirNamesAndUsage) {
    NativeEventRelay relay;
    RecordedStream recorded;
    const std::string delta = messageDelta("end_turn", 9);
    feedAll(relay, recorded, {kMessageStart, kTextStart, kPing, textDelta("Hi"), kStop0, delta, kMessageStop});
    portico_chunk_sink sink = recorded.sink();
    relay.end(sink);
    EXPECT_TRUE(recorded.chunks.empty());
    ASSERT_EQ(recorded.events.size(), 7u);
    EXPECT_EQ(recorded.events[0].first, "message_start");
    EXPECT_EQ(recorded.events[0].second, kMessageStart);
    EXPECT_EQ(recorded.events[2].first, "ping");
    EXPECT_EQ(recorded.events[3].first, "content_block_delta");
    EXPECT_EQ(recorded.events[3].second, textDelta("Hi"));
    EXPECT_EQ(recorded.events[5].second, delta);
    EXPECT_EQ(recorded.events[6].first, "message_stop");
    EXPECT_EQ(recorded.usage_calls, 1);
    EXPECT_EQ(recorded.usage.prompt_tokens, 30u);
    EXPECT_EQ(recorded.usage.completion_tokens, 9u);
}

TEST(AnthropicStreamTest, ANativeStreamCutShortFailsToo) {
    NativeEventRelay relay;
    RecordedStream recorded;
    feedAll(relay, recorded, {kMessageStart});
    portico_chunk_sink sink = recorded.sink();
    EXPECT_THROW(relay.end(sink), PluginError);
}

}  // namespace
}  // namespace portico::anthropic
