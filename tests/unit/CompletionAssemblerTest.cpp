#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/GatewayError.h"
#include "pipeline/CompletionAssembler.h"
#include "pipeline/CompletionChunks.h"

using portico::pipeline::CompletionAssembler;
using portico::pipeline::streamChunksOf;

namespace {

std::string assemble(const std::vector<std::string>& chunks) {
    CompletionAssembler assembler;
    for (const auto& chunk : chunks) assembler.add(chunk);
    return assembler.completion();
}

const std::string kHead = R"({"id":"c1","object":"chat.completion.chunk","created":7,"model":"m")";

}  // namespace

TEST(CompletionAssemblerTest, JoinsContentAcrossChunksWithFinishReasonAndUsage) {
    EXPECT_EQ(assemble({kHead + R"(,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null})",
                        kHead + R"(,"choices":[{"index":0,"delta":{"content":"Hell"},"finish_reason":null}]})",
                        kHead + R"(,"choices":[{"index":0,"delta":{"content":"o \"you\""},"finish_reason":null}]})",
                        kHead + R"(,"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})",
                        kHead + R"(,"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})"}),
              R"({"id":"c1","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,"message":)"
              R"({"role":"assistant","content":"Hello \"you\"","refusal":null},"logprobs":null,"finish_reason":"stop"}],)"
              R"("usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})");
}

TEST(CompletionAssemblerTest, JoinsToolCallArgumentsByIndexAndKeepsChoicesApart) {
    const std::string completion = assemble({
        kHead + R"(,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_7","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]})",
        kHead + R"(,"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]})",
        kHead + R"(,"choices":[{"index":1,"delta":{"content":"second"},"finish_reason":"stop"}]})",
        kHead + R"(,"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Oslo\"}"}}]},"finish_reason":"tool_calls"}]})",
    });
    EXPECT_NE(completion.find(R"("tool_calls":[{"id":"call_7","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}])"),
              std::string::npos)
        << completion;
    EXPECT_NE(completion.find(R"("finish_reason":"tool_calls")"), std::string::npos) << completion;
    EXPECT_NE(completion.find(R"({"index":1,"message":{"role":"assistant","content":"second")"), std::string::npos)
        << completion;
    EXPECT_NE(completion.find(R"("usage":null)"), std::string::npos) << completion;
}

TEST(CompletionAssemblerTest, RefusesAChunkThatIsNotJson) {
    CompletionAssembler assembler;
    try {
        assembler.add("not json");
        FAIL() << "a chunk the guardrail cannot read was accepted";
    } catch (const portico::core::GatewayError& error) {
        EXPECT_EQ(error.status(), 502);
    }
}

TEST(CompletionChunksTest, StreamsACompletionAsOneChunkPerChoiceAndAUsageChunk) {
    const std::string completion =
        R"({"id":"c1","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,"message":)"
        R"({"role":"assistant","content":"[redacted]"},"logprobs":null,"finish_reason":"stop"}],"usage":{"total_tokens":5}})";
    EXPECT_EQ(streamChunksOf(completion, true),
              (std::vector<std::string>{
                  R"({"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"[redacted]"},"logprobs":null,"finish_reason":"stop"}]})",
                  R"({"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[],"usage":{"total_tokens":5}})"}));
    EXPECT_EQ(streamChunksOf(completion, false).size(), 1u) << "no usage chunk unless the client asked for one";
    EXPECT_THROW(streamChunksOf("[]", false), portico::core::GatewayError);
}
