// OpenAI chat requests into Converse bodies (wire-formats.md §11.2, §11.9).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "ChatToConverse.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

std::string translated(const std::string& request) { return chatToConverse(request); }

/// The minified JSON at `pointer` of `json`, or "<absent>".
std::string at(const std::string& json, const char* pointer) {
    simdjson::dom::parser parser;
    simdjson::dom::element value;
    if (parser.parse(json).at_pointer(pointer).get(value) != simdjson::SUCCESS) return "<absent>";
    return simdjson::minify(value);
}

TEST(ChatToConverseTest, SystemMessagesGoToTheTopAndTurnsStayInOrder) {
    const std::string body = translated(
        R"({"model":"m","messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"},)"
        R"({"role":"developer","content":[{"type":"text","text":"Really."}]},{"role":"assistant","content":"Hello"},)"
        R"({"role":"user","content":"Bye"}]})");
    EXPECT_EQ(at(body, "/system"), R"([{"text":"Be terse."},{"text":"Really."}])");
    EXPECT_EQ(at(body, "/messages"),
              R"([{"role":"user","content":[{"text":"Hi"}]},{"role":"assistant","content":[{"text":"Hello"}]},)"
              R"({"role":"user","content":[{"text":"Bye"}]}])");
    EXPECT_EQ(at(body, "/inferenceConfig"), "<absent>");
    EXPECT_EQ(at(body, "/toolConfig"), "<absent>");
    EXPECT_EQ(at(body, "/model"), "<absent>");
}

TEST(ChatToConverseTest, ConsecutiveSameRoleTurnsMergeAndEmptyOnesVanish) {
    const std::string body = translated(
        R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":[{"type":"text","text":"b"}]},)"
        R"({"role":"assistant","content":""},{"role":"user","content":"c"}]})");
    EXPECT_EQ(at(body, "/messages"), R"([{"role":"user","content":[{"text":"a"},{"text":"b"},{"text":"c"}]}])");
}

TEST(ChatToConverseTest, SamplingAndLimitsGoToInferenceConfig) {
    const std::string body = translated(
        R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":512,"temperature":0.2,"top_p":0.9,"stop":["END","STOP"],)"
        R"("seed":1,"presence_penalty":0.5,"user":"u1","stream_options":{"include_usage":true}})");
    EXPECT_EQ(at(body, "/inferenceConfig"), R"({"maxTokens":512,"temperature":0.2,"topP":0.9,"stopSequences":["END","STOP"]})");
    const std::string single = translated(
        R"({"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":7,"max_tokens":9,"temperature":1.5,"stop":"X"})");
    EXPECT_EQ(at(single, "/inferenceConfig"), R"({"maxTokens":7,"temperature":1,"stopSequences":["X"]})");
}

TEST(ChatToConverseTest, ToolsToolCallsAndResultsRoundTheConversation) {
    const std::string body = translated(
        R"({"messages":[{"role":"user","content":"Weather in Oslo?"},)"
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call.01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},)"
        R"({"role":"tool","tool_call_id":"call.01","content":"{\"temp_c\":4}"}],)"
        R"("tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"auto"})");
    EXPECT_EQ(at(body, "/messages/1"),
              R"({"role":"assistant","content":[{"toolUse":{"toolUseId":"call_01","name":"get_weather","input":{"city":"Oslo"}}}]})");
    EXPECT_EQ(at(body, "/messages/2"),
              R"({"role":"user","content":[{"toolResult":{"toolUseId":"call_01","content":[{"text":"{\"temp_c\":4}"}]}}]})");
    EXPECT_EQ(at(body, "/toolConfig"),
              R"({"tools":[{"toolSpec":{"name":"get_weather","description":"Current weather","inputSchema":{"json":)"
              R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],"toolChoice":{"auto":{}}})");
}

TEST(ChatToConverseTest, ToolChoiceForms) {
    const std::string base =
        R"({"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":)";
    EXPECT_EQ(at(translated(base + R"("required"})"), "/toolConfig/toolChoice"), R"({"any":{}})");
    EXPECT_EQ(at(translated(base + R"({"type":"function","function":{"name":"f"}}})"), "/toolConfig/toolChoice"),
              R"({"tool":{"name":"f"}})");
    EXPECT_EQ(at(translated(base + R"("none"})"), "/toolConfig"), "<absent>");
    // A function without parameters still gets an object schema.
    EXPECT_EQ(at(translated(base + R"("auto"})"), "/toolConfig/tools/0/toolSpec/inputSchema/json"),
              R"({"type":"object","properties":{}})");
}

TEST(ChatToConverseTest, AHistoryWithToolBlocksKeepsAToolConfig) {
    const std::string body = translated(
        R"({"messages":[{"role":"user","content":"Hi"},)"
        R"({"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":""}}]},)"
        R"({"role":"tool","tool_call_id":"c1","content":"42"},{"role":"user","content":"Thanks"}]})");
    EXPECT_EQ(at(body, "/messages/1/content/0/toolUse/input"), "{}");
    EXPECT_EQ(at(body, "/messages/2"),
              R"({"role":"user","content":[{"toolResult":{"toolUseId":"c1","content":[{"text":"42"}]}},{"text":"Thanks"}]})");
    EXPECT_EQ(at(body, "/toolConfig/tools/0/toolSpec/name"), R"("lookup")");
}

TEST(ChatToConverseTest, DataUrlImagesBecomeImageBlocks) {
    const std::string body = translated(
        R"({"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},)"
        R"({"type":"image_url","image_url":{"url":"data:image/jpg;base64,QUJD"}}]}]})");
    EXPECT_EQ(at(body, "/messages/0/content/1"), R"({"image":{"format":"jpeg","source":{"bytes":"QUJD"}}})");
}

TEST(ChatToConverseTest, UntranslatableRequestsAreRefused) {
    const auto refused = [](const std::string& request, const char* words) {
        try {
            chatToConverse(request);
            ADD_FAILURE() << "accepted: " << request;
        } catch (const PluginError& e) {
            EXPECT_EQ(e.httpStatus(), 400);
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    refused(R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/cat.png"}}]}]})",
            "only data: image URLs");
    refused(R"({"messages":[{"role":"user","content":"Hi"}],"n":2})", "n other than 1");
    refused(R"({"messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_object"}})", "response_format");
    refused(R"({"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1"}}]}]})",
            "not a JSON object");
    refused(R"({"messages":[{"role":"robot","content":"Hi"}]})", "role 'robot'");
    refused(R"({"messages":"Hi"})", "messages must be an array");
    refused("not json", "not a JSON object");
}

TEST(ChatToConverseTest, ToolIdsAreSanitizedToConversesAlphabet) {
    EXPECT_EQ(converseToolId("call_abc-1"), "call_abc-1");
    EXPECT_EQ(converseToolId("toolu:01/x"), "toolu_01_x");
    EXPECT_EQ(converseToolId(std::string(80, 'a')).size(), 64u);
    EXPECT_EQ(converseToolId(""), "tool_call");
}

}  // namespace
}  // namespace portico::bedrock
