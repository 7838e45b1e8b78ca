// The Anthropic inbound codec's translations (host/src/api/anthropic): Messages requests to chat,
// chat completions and chunks back to Anthropic messages and events, token estimates, errors.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "api/anthropic/AnthropicErrors.h"
#include "api/anthropic/ChatToMessage.h"
#include "api/anthropic/MessagesToChat.h"
#include "api/anthropic/TokenEstimate.h"
#include "core/GatewayError.h"

namespace portico::api::anthropic {
namespace {

/// Parses `json` as an object that lives as long as the returned parser holder.
struct Parsed {
    explicit Parsed(const std::string& json) : padded(json) { object = parser.parse(padded).get_object().value(); }
    simdjson::padded_string padded;
    simdjson::dom::parser parser;
    simdjson::dom::object object;
};

std::string toChat(const std::string& request) {
    Parsed parsed(request);
    validateMessagesRequest(parsed.object);
    return messagesToChat(parsed.object, "up-model");
}

TEST(AnthropicCodecTest, SystemTurnsAndParametersBecomeAChatRequest) {
    EXPECT_EQ(toChat(R"({"model":"m","max_tokens":9,"system":[{"type":"text","text":"A"},{"type":"text","text":"B"}],)"
                     R"("temperature":0.5,"top_k":3,"stop_sequences":["x"],"metadata":{"user_id":"u1"},"stream":true,)"
                     R"("messages":[{"role":"user","content":"Hi"}]})"),
              R"({"model":"up-model","messages":[{"role":"system","content":"A\nB"},{"role":"user","content":"Hi"}],)"
              R"("max_tokens":9,"temperature":0.5,"stop":["x"],"user":"u1","stream":true,"stream_options":{"include_usage":true}})");
}

TEST(AnthropicCodecTest, ToolUseAndResultsBecomeToolCallsAndToolMessagesInOrder) {
    EXPECT_EQ(toChat(R"({"model":"m","max_tokens":9,"messages":[)"
                     R"({"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},)"
                     R"({"type":"tool_use","id":"t1","name":"f","input":{"a":1}}]},)"
                     R"({"role":"user","content":[{"type":"text","text":"and"},{"type":"tool_result","tool_use_id":"t1",)"
                     R"("content":[{"type":"text","text":"r1"},{"type":"text","text":"r2"}]}]}],)"
                     R"("tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"f",)"
                     R"("disable_parallel_tool_use":true}})"),
              R"({"model":"up-model","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function",)"
              R"("function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"t1","content":"r1\nr2"},)"
              R"({"role":"user","content":"and"}],"max_tokens":9,"tools":[{"type":"function","function":{"name":"f",)"
              R"("parameters":{"type":"object"}}}],"tool_choice":{"type":"function","function":{"name":"f"}},)"
              R"("parallel_tool_calls":false})");
}

TEST(AnthropicCodecTest, ImagesBecomeImageUrlParts) {
    EXPECT_EQ(toChat(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"text","text":"What?"},)"
                     R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"QUJD"}},)"
                     R"({"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]})"),
              R"({"model":"up-model","messages":[{"role":"user","content":[{"type":"text","text":"What?"},)"
              R"({"type":"image_url","image_url":{"url":"data:image/png;base64,QUJD"}},)"
              R"({"type":"image_url","image_url":{"url":"https://x/y.png"}}]}],"max_tokens":1})");
}

TEST(AnthropicCodecTest, WhatAnthropicRejectsIsA400NamingTheField) {
    const auto param = [](const std::string& request) {
        try {
            toChat(request);
        } catch (const core::GatewayError& error) {
            EXPECT_EQ(error.status(), 400);
            return error.param();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(param(R"({"model":"m","messages":[{"role":"user","content":"x"}]})"), "max_tokens");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]})"), "max_tokens");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":1,"messages":[]})"), "messages");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":1,"messages":[{"role":"tool","content":"x"}]})"), "messages[0].role");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"text":"x"}]}]})"),
              "messages[0].content[0].type");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","role":"user","content":"x"}]})"),
              "messages[0].role");
    EXPECT_EQ(param(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}],)"
                    R"("tools":[{"type":"web_search_20250305","name":"web_search"}]})"),
              "tools[0]");
}

TEST(AnthropicCodecTest, AChatCompletionBecomesAMessage) {
    EXPECT_EQ(chatToMessage(R"({"id":"c1","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",)"
                            R"("reasoning_content":"think","content":"Sure.","tool_calls":[{"id":"k1","type":"function",)"
                            R"("function":{"name":"f","arguments":"{\"a\": 1}"}}]}}],"usage":{"prompt_tokens":10,)"
                            R"("completion_tokens":4,"prompt_tokens_details":{"cached_tokens":3}}})",
                            "public"),
              R"({"id":"c1","type":"message","role":"assistant","model":"public","content":[)"
              R"({"type":"thinking","thinking":"think","signature":""},{"type":"text","text":"Sure."},)"
              R"({"type":"tool_use","id":"k1","name":"f","input":{"a":1}}],"stop_reason":"tool_use","stop_sequence":null,)"
              R"("usage":{"input_tokens":7,"output_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":3}})");
    EXPECT_THROW(chatToMessage(R"({"choices":[]})", "m"), core::GatewayError);
    EXPECT_THROW(chatToMessage(R"({"choices":[{"message":{"tool_calls":[{"id":"k","function":{"name":"f","arguments":"[1"}}]}}]})", "m"),
                 core::GatewayError);
}

TEST(AnthropicCodecTest, FinishReasonsMapToStopReasons) {
    EXPECT_EQ(stopReason("stop"), "end_turn");
    EXPECT_EQ(stopReason("length"), "max_tokens");
    EXPECT_EQ(stopReason("tool_calls"), "tool_use");
    EXPECT_EQ(stopReason("content_filter"), "refusal");
}

TEST(AnthropicCodecTest, ErrorsUseAnthropicTypes) {
    EXPECT_EQ(errorBody(core::GatewayError::unauthorized("no")),
              R"({"type":"error","error":{"type":"authentication_error","message":"no"}})");
    EXPECT_NE(errorBody(core::GatewayError(429, "rate_limit_error", {}, "slow")).find("rate_limit_error"), std::string::npos);
    EXPECT_NE(errorBody(core::GatewayError(529, "x", {}, "busy")).find("overloaded_error"), std::string::npos);
    EXPECT_NE(errorBody(core::GatewayError(502, "x", {}, "bad")).find("\"api_error\""), std::string::npos);
    EXPECT_NE(errorBody(core::GatewayError(413, "x", {}, "big")).find("request_too_large"), std::string::npos);
}

TEST(AnthropicCodecTest, TokenEstimateCountsTextAndAttachments) {
    // "Hi" + "user" = 6 characters -> 2 tokens, + 3 for the message, + 1500 for the image.
    Parsed parsed(R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"Hi"},)"
                  R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"QUJDREVGR0g="}}]}]})");
    EXPECT_EQ(estimateInputTokens(parsed.object), 2u + 3u + 1500u);
}

}  // namespace
}  // namespace portico::api::anthropic
