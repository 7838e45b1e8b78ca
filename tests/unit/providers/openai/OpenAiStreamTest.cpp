#include <gtest/gtest.h>

#include <string>

#include "OpenAiStream.h"
#include "RecordingSinks.h"
#include "common/PluginError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using testing::RecordedStream;

OpenAiStream streamOf(uint32_t operation) { return OpenAiStream(operationTraits(operation)); }

TEST(OpenAiStreamTest, CompletionsStreamRelaysTextCompletionChunksAndEndsWithDone) {
    OpenAiStream stream = streamOf(PORTICO_OP_COMPLETIONS);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    const std::string chunk =
        R"({"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct",)"
        R"("choices":[{"text":"Hi","index":0,"logprobs":null,"finish_reason":null}]})";
    const std::string usage =
        R"({"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[],)"
        R"("usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})";
    EXPECT_EQ(stream.feed(chunk, sink), PORTICO_OK);
    EXPECT_EQ(stream.feed(usage, sink), PORTICO_OK);
    EXPECT_EQ(stream.feed("[DONE]", sink), PORTICO_OK);
    EXPECT_NO_THROW(stream.end());
    ASSERT_EQ(recorded.chunks.size(), 2u);
    EXPECT_EQ(recorded.chunks[0], chunk);
    EXPECT_EQ(recorded.usage.prompt_tokens, 3u);
    EXPECT_EQ(recorded.usage.completion_tokens, 1u);
}

TEST(OpenAiStreamTest, ChatStreamWithoutDoneIsCutOff) {
    OpenAiStream stream = streamOf(PORTICO_OP_CHAT);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    stream.feed(R"({"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"x"}}]})", sink);
    try {
        stream.end();
        FAIL() << "a chat stream without [DONE] is incomplete";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 502);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_SERVER);
        EXPECT_NE(std::string(e.what()).find("[DONE]"), std::string::npos);
    }
}

TEST(OpenAiStreamTest, ChatErrorEventFailsTheStreamWithItsMessage) {
    OpenAiStream stream = streamOf(PORTICO_OP_CHAT);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    try {
        stream.feed(R"({"error":{"message":"prompt too long: context length exceeded","type":"invalid_request_error",)"
                    R"("code":"context_length_exceeded"}})",
                    sink);
        FAIL() << "an error event must fail the stream";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_STREQ(e.what(), "prompt too long: context length exceeded");
    }
    EXPECT_TRUE(recorded.chunks.empty());
}

const std::string kDelta =
    R"({"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","sequence_number":4})";
const std::string kCompleted =
    R"({"type":"response.completed","sequence_number":9,"response":{"id":"resp_1","object":"response","status":"completed",)"
    R"("error":null,"output":[],"usage":{"input_tokens":80,"output_tokens":7,"total_tokens":87,)"
    R"("input_tokens_details":{"cached_tokens":0},"output_tokens_details":{"reasoning_tokens":2}}}})";

TEST(OpenAiStreamTest, ResponsesEventsGoOutTypedWithUsageFromTheTerminalEvent) {
    OpenAiStream stream = streamOf(PORTICO_OP_RESPONSES);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    const std::string created =
        R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","usage":null}})";
    EXPECT_EQ(stream.feed(created, sink), PORTICO_OK);
    EXPECT_EQ(stream.feed(kDelta, sink), PORTICO_OK);
    EXPECT_EQ(stream.feed(kCompleted, sink), PORTICO_OK);
    EXPECT_NO_THROW(stream.end());  // no [DONE] in a Responses stream
    ASSERT_EQ(recorded.events.size(), 3u);
    EXPECT_EQ(recorded.events[0].first, "response.created");
    EXPECT_EQ(recorded.events[1].first, "response.output_text.delta");
    EXPECT_EQ(recorded.events[1].second, kDelta);
    EXPECT_EQ(recorded.events[2].first, "response.completed");
    EXPECT_TRUE(recorded.chunks.empty());
    EXPECT_EQ(recorded.usage_calls, 1);
    EXPECT_EQ(recorded.usage.prompt_tokens, 80u);
    EXPECT_EQ(recorded.usage.completion_tokens, 7u);
    EXPECT_EQ(recorded.usage.reasoning_tokens, 2u);
}

TEST(OpenAiStreamTest, ResponsesStreamWithoutATerminalEventIsCutOff) {
    OpenAiStream stream = streamOf(PORTICO_OP_RESPONSES);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    stream.feed(kDelta, sink);
    stream.feed("[DONE]", sink);  // tolerated, but not the end of a Responses stream
    EXPECT_THROW(stream.end(), PluginError);
}

TEST(OpenAiStreamTest, ResponsesIncompleteIsAProperEnd) {
    OpenAiStream stream = streamOf(PORTICO_OP_RESPONSES);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    stream.feed(R"({"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"}}})",
                sink);
    EXPECT_NO_THROW(stream.end());
}

TEST(OpenAiStreamTest, ResponsesErrorAndFailedEventsFailTheStream) {
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink();
    OpenAiStream errored = streamOf(PORTICO_OP_RESPONSES);
    try {
        errored.feed(R"({"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":null,"sequence_number":1})",
                     sink);
        FAIL() << "an error event must fail the stream";
    } catch (const PluginError& e) {
        EXPECT_STREQ(e.what(), "Slow down");
        EXPECT_EQ(e.httpStatus(), 502);
    }
    OpenAiStream failed = streamOf(PORTICO_OP_RESPONSES);
    try {
        failed.feed(R"({"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"boom"}}})",
                    sink);
        FAIL() << "response.failed must fail the stream";
    } catch (const PluginError& e) {
        EXPECT_STREQ(e.what(), "boom");
    }
    EXPECT_TRUE(recorded.events.empty());
}

TEST(OpenAiStreamTest, ResponsesEventsFallBackToEmitOnAHostWithoutEmitEvent) {
    OpenAiStream stream = streamOf(PORTICO_OP_RESPONSES);
    RecordedStream recorded;
    portico_chunk_sink sink = recorded.sink(/*with_events=*/false);
    stream.feed(kDelta, sink);
    ASSERT_EQ(recorded.chunks.size(), 1u);
    EXPECT_EQ(recorded.chunks[0], kDelta);
    EXPECT_TRUE(recorded.events.empty());
}

}  // namespace
}  // namespace portico::openai
