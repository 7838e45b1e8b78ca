// Canonical (OpenAI chat) requests into Anthropic Messages requests. The writer is deterministic,
// so most tests compare the whole body: what is sent is exactly what is asserted.
#include <gtest/gtest.h>

#include <string>

#include "ChatToMessages.h"
#include "common/PluginError.h"

namespace portico::anthropic {
namespace {

using plugin_common::PluginError;

std::string translated(const std::string& body, bool stream = false) { return chatToMessages(body, stream); }

/// The status of the PluginError translating `body` throws (0 if it does not).
portico_status refusal(const std::string& body, std::string* message = nullptr) {
    try {
        chatToMessages(body, false);
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 400);
        if (message) *message = e.what();
        return e.status();
    }
    return 0;
}

TEST(ChatToMessagesTest, PlainUserMessageGetsTheDefaultMaxTokens) {
    EXPECT_EQ(translated(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]})"),
              R"({"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]})");
}

TEST(ChatToMessagesTest, MaxCompletionTokensWinsOverMaxTokens) {
    EXPECT_NE(translated(R"({"model":"m","max_tokens":10,"max_completion_tokens":20,"messages":[]})").find(R"("max_tokens":20,)"),
              std::string::npos);
    EXPECT_NE(translated(R"({"model":"m","max_tokens":10,"messages":[]})").find(R"("max_tokens":10,)"), std::string::npos);
    EXPECT_NE(translated(R"({"model":"m","max_tokens":null,"messages":[]})").find(R"("max_tokens":4096,)"), std::string::npos);
    EXPECT_EQ(refusal(R"({"model":"m","max_tokens":0,"messages":[]})"), PORTICO_ERR_INVALID);
}

TEST(ChatToMessagesTest, SystemAndDeveloperMessagesAreLiftedWhereverTheyStand) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[
        {"role":"system","content":"Be terse."},
        {"role":"user","content":"a"},
        {"role":"developer","content":[{"type":"text","text":"No emoji."}]},
        {"role":"user","content":"b"}]})"),
              R"({"model":"m","max_tokens":4096,"system":[{"type":"text","text":"Be terse."},{"type":"text","text":"No emoji."}],)"
              R"("messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})");
}

TEST(ChatToMessagesTest, ConsecutiveSameRoleMessagesMergeIntoOneTurn) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[
        {"role":"user","content":"a"},{"role":"user","content":"b"},
        {"role":"assistant","content":"c"},{"role":"assistant","content":"d"},{"role":"user","content":"e"}]})"),
              R"({"model":"m","max_tokens":4096,"messages":[)"
              R"({"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},)"
              R"({"role":"assistant","content":[{"type":"text","text":"c"},{"type":"text","text":"d"}]},)"
              R"({"role":"user","content":[{"type":"text","text":"e"}]}]})");
}

TEST(ChatToMessagesTest, EmptyContentLeavesNoEmptyTurnOrBlock) {
    // Anthropic refuses empty text blocks; an empty assistant turn between two user turns goes,
    // and the user turns around it merge.
    EXPECT_EQ(translated(R"({"model":"m","messages":[
        {"role":"user","content":"a"},{"role":"assistant","content":""},{"role":"assistant","content":null},
        {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"b"}]}]})"),
              R"({"model":"m","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})");
}

TEST(ChatToMessagesTest, APrefillLosesTheTrailingWhitespaceAnthropicRefuses) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[{"role":"user","content":"Say: "},{"role":"assistant","content":"Sure: \n"}]})"),
              R"({"model":"m","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Say: "}]},)"
              R"({"role":"assistant","content":[{"type":"text","text":"Sure:"}]}]})");
    // Not the last message: left as written.
    EXPECT_NE(translated(R"({"model":"m","messages":[{"role":"assistant","content":"a "},{"role":"user","content":"b"}]})")
                  .find(R"("text":"a ")"),
              std::string::npos);
}

TEST(ChatToMessagesTest, SamplingStopUserAndStream) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[],"temperature":0.7,"top_p":0.9,"stop":"END","user":"u-1",)"
                         R"("presence_penalty":1,"seed":3,"stream_options":{"include_usage":true}})",
                         true),
              R"({"model":"m","max_tokens":4096,"messages":[],"temperature":0.7,"top_p":0.9,"stop_sequences":["END"],)"
              R"("metadata":{"user_id":"u-1"},"stream":true})");
    EXPECT_NE(translated(R"({"model":"m","messages":[],"stop":["a","b"]})").find(R"("stop_sequences":["a","b"])"),
              std::string::npos);
}

TEST(ChatToMessagesTest, FunctionToolsAndEveryToolChoice) {
    const std::string tools =
        R"("tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},)"
        R"({"type":"function","function":{"name":"now"}}])";
    const std::string expected_tools =
        R"("tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":)"
        R"({"city":{"type":"string"}},"required":["city"]}},{"name":"now","input_schema":{"type":"object","properties":{}}}])";
    const auto with = [&](const std::string& extra) {
        return translated(R"({"model":"m","messages":[],)" + tools + extra + "}");
    };
    EXPECT_EQ(with(""), R"({"model":"m","max_tokens":4096,"messages":[],)" + expected_tools + "}");
    EXPECT_NE(with(R"(,"tool_choice":"auto")").find(R"("tool_choice":{"type":"auto"})"), std::string::npos);
    EXPECT_NE(with(R"(,"tool_choice":"none")").find(R"("tool_choice":{"type":"none"})"), std::string::npos);
    EXPECT_NE(with(R"(,"tool_choice":"required")").find(R"("tool_choice":{"type":"any"})"), std::string::npos);
    EXPECT_NE(with(R"(,"tool_choice":{"type":"function","function":{"name":"now"}})")
                  .find(R"("tool_choice":{"type":"tool","name":"now"})"),
              std::string::npos);
    EXPECT_NE(with(R"(,"parallel_tool_calls":false)").find(R"("tool_choice":{"type":"auto","disable_parallel_tool_use":true})"),
              std::string::npos);
}

TEST(ChatToMessagesTest, ToolCallsBecomeToolUseAndToolResultsOneUserTurn) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[
        {"role":"user","content":"Weather and time in Oslo?"},
        {"role":"assistant","content":null,"tool_calls":[
          {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}},
          {"id":"toolu_2","type":"function","function":{"name":"now","arguments":""}}]},
        {"role":"tool","tool_call_id":"toolu_1","content":"{\"temp_c\":4}"},
        {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"12:00"}]},
        {"role":"user","content":"Thanks"}]})"),
              R"({"model":"m","max_tokens":4096,"messages":[)"
              R"({"role":"user","content":[{"type":"text","text":"Weather and time in Oslo?"}]},)"
              R"({"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}},)"
              R"({"type":"tool_use","id":"toolu_2","name":"now","input":{}}]},)"
              R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"{\"temp_c\":4}"},)"
              R"({"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"12:00"}]},)"
              R"({"type":"text","text":"Thanks"}]}]})");
}

TEST(ChatToMessagesTest, ImagesByDataUrlAndByHttpUrl) {
    EXPECT_EQ(translated(R"({"model":"m","messages":[{"role":"user","content":[
        {"type":"text","text":"What is this?"},
        {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
        {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]})"),
              R"({"model":"m","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},)"
              R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},)"
              R"({"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]})");
    EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x"}}]}]})"),
              PORTICO_ERR_INVALID);
}

TEST(ChatToMessagesTest, CacheControlOnContentPartsIsKept) {
    EXPECT_NE(translated(R"({"model":"m","messages":[{"role":"system","content":[
        {"type":"text","text":"long","cache_control":{"type":"ephemeral"}}]}]})")
                  .find(R"("system":[{"type":"text","text":"long","cache_control":{"type":"ephemeral"}}])"),
              std::string::npos);
}

TEST(ChatToMessagesTest, WhatCannotBeHonouredIsRefused) {
    std::string message;
    EXPECT_EQ(refusal(R"({"model":"m","messages":[],"n":2})", &message), PORTICO_ERR_UNSUPPORTED);
    EXPECT_NE(message.find("n must be 1"), std::string::npos) << message;
    EXPECT_EQ(refusal(R"({"model":"m","messages":[],"response_format":{"type":"json_object"}})"), PORTICO_ERR_UNSUPPORTED);
    EXPECT_EQ(refusal(R"({"model":"m","messages":[],"response_format":{"type":"text"},"n":1})"), 0);
    EXPECT_EQ(refusal(R"({"model":"m","messages":[],"tools":[{"type":"web_search"}]})"), PORTICO_ERR_UNSUPPORTED);
    EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]})"),
              PORTICO_ERR_UNSUPPORTED);
    EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"function","name":"f","content":"x"}]})"), PORTICO_ERR_UNSUPPORTED);
    EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"assistant","tool_calls":[
        {"id":"t","type":"function","function":{"name":"f","arguments":"{not json"}}]}]})", &message),
              PORTICO_ERR_INVALID);
    EXPECT_NE(message.find("messages[0].tool_calls[0].function.arguments"), std::string::npos) << message;
    EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"tool","content":"x"}]})"), PORTICO_ERR_INVALID);
    EXPECT_EQ(refusal(R"([1,2])"), PORTICO_ERR_INVALID);
    EXPECT_EQ(refusal(R"({"model":"m"})"), PORTICO_ERR_INVALID);
}

}  // namespace
}  // namespace portico::anthropic
