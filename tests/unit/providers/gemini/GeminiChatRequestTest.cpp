// Canonical (OpenAI chat) -> Gemini generateContent bodies.
#include <gtest/gtest.h>

#include "GeminiChatRequest.h"
#include "GeminiTestSupport.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using test::parse;
using test::str;

TEST(GeminiChatRequestTest, SystemGoesToSystemInstructionAndRolesAreUserAndModel) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"model":"m","messages":[
        {"role":"system","content":"Be terse."},{"role":"developer","content":[{"type":"text","text":"Really."}]},
        {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Bye"}]})"));
    EXPECT_EQ(str(body["systemInstruction"]["parts"].at(0)["text"]), "Be terse.");
    EXPECT_EQ(str(body["systemInstruction"]["parts"].at(1)["text"]), "Really.");
    auto contents = body["contents"].get_array().value();
    ASSERT_EQ(contents.size(), 3u);
    EXPECT_EQ(str(contents.at(0)["role"]), "user");
    EXPECT_EQ(str(contents.at(1)["role"]), "model");
    EXPECT_EQ(str(contents.at(1)["parts"].at(0)["text"]), "Hello");
    EXPECT_EQ(str(contents.at(2)["parts"].at(0)["text"]), "Bye");
}

TEST(GeminiChatRequestTest, ConsecutiveSameRoleTurnsAreMergedAndEmptyOnesDropped) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[
        {"role":"user","content":"a"},{"role":"user","content":[{"type":"text","text":"b"}]},
        {"role":"assistant","content":""},{"role":"user","content":"c"}]})"));
    auto contents = body["contents"].get_array().value();
    ASSERT_EQ(contents.size(), 1u) << "the empty assistant turn is dropped, then all user turns merge";
    EXPECT_EQ(contents.at(0)["parts"].get_array().value().size(), 3u);
    EXPECT_EQ(str(contents.at(0)["parts"].at(2)["text"]), "c");
}

TEST(GeminiChatRequestTest, ImagesBecomeInlineDataOrFileData) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[{"role":"user","content":[
        {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0K"}},
        {"type":"image_url","image_url":{"url":"https://example.com/cat.JPG?x=1"}},
        {"type":"image_url","image_url":"https://generativelanguage.googleapis.com/v1beta/files/abc"}]}]})"));
    auto parts = body["contents"].at(0)["parts"];
    EXPECT_EQ(str(parts.at(0)["inlineData"]["mimeType"]), "image/png");
    EXPECT_EQ(str(parts.at(0)["inlineData"]["data"]), "iVBORw0K");
    EXPECT_EQ(str(parts.at(1)["fileData"]["mimeType"]), "image/jpeg");
    EXPECT_EQ(str(parts.at(1)["fileData"]["fileUri"]), "https://example.com/cat.JPG?x=1");
    EXPECT_TRUE(parts.at(2)["fileData"]["mimeType"].error()) << "no extension: mimeType left out (it is optional)";
}

TEST(GeminiChatRequestTest, ToolCallsAndToolResultsBecomeFunctionCallAndFunctionResponse) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[
        {"role":"user","content":"Weather?"},
        {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
            {"id":"call_2","type":"function","function":{"name":"get_time","arguments":""}}]},
        {"role":"tool","tool_call_id":"call_1","content":"{\"temp_c\":4}"},
        {"role":"tool","tool_call_id":"call_2","content":"noon"}]})"));
    auto contents = body["contents"].get_array().value();
    ASSERT_EQ(contents.size(), 3u);
    EXPECT_EQ(str(contents.at(1)["role"]), "model");
    EXPECT_EQ(str(contents.at(1)["parts"].at(0)["functionCall"]["name"]), "get_weather");
    EXPECT_EQ(str(contents.at(1)["parts"].at(0)["functionCall"]["args"]["city"]), "Oslo");
    EXPECT_TRUE(contents.at(1)["parts"].at(1)["functionCall"]["args"].is_object());
    EXPECT_EQ(str(contents.at(2)["role"]), "user") << "both results in one user turn";
    auto first = contents.at(2)["parts"].at(0)["functionResponse"];
    EXPECT_EQ(str(first["name"]), "get_weather");
    EXPECT_EQ(first["response"]["temp_c"].get_int64().value(), 4);
    auto second = contents.at(2)["parts"].at(1)["functionResponse"];
    EXPECT_EQ(str(second["name"]), "get_time");
    EXPECT_EQ(str(second["response"]["content"]), "noon");
}

TEST(GeminiChatRequestTest, ToolResultForAnUnknownCallIsRejected) {
    EXPECT_THROW(translateChatRequest(R"({"messages":[{"role":"tool","tool_call_id":"nope","content":"x"}]})"),
                 plugin_common::PluginError);
}

TEST(GeminiChatRequestTest, UnknownRoleIsRejected) {
    try {
        translateChatRequest(R"({"messages":[{"role":"wizard","content":"x"}]})");
        FAIL() << "expected a PluginError";
    } catch (const plugin_common::PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_INVALID);
        EXPECT_EQ(e.httpStatus(), 400);
    }
}

TEST(GeminiChatRequestTest, ToolsAndToolChoice) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[{"role":"user","content":"x"}],
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","strict":true,
            "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
              "properties":{"city":{"type":"string","format":"email"},"when":{"type":"string","format":"date-time"},"unit":{"type":["string","null"],"enum":["c","f"]},
                            "where":{"$ref":"#/$defs/place"}},
              "required":["city"],"$defs":{"place":{"type":"object","properties":{"lat":{"type":"number"}},"additionalProperties":false}}}}},
                 {"type":"function","function":{"name":"ping","parameters":{"type":"object","properties":{}}}}],
        "tool_choice":{"type":"function","function":{"name":"get_weather"}}})"));
    auto declarations = body["tools"].at(0)["functionDeclarations"];
    auto parameters = declarations.at(0)["parameters"];
    EXPECT_EQ(str(declarations.at(0)["description"]), "Weather");
    EXPECT_TRUE(parameters["additionalProperties"].error());
    EXPECT_TRUE(parameters["$schema"].error());
    EXPECT_TRUE(parameters["$defs"].error());
    EXPECT_EQ(str(parameters["required"].at(0)), "city");
    EXPECT_TRUE(parameters["properties"]["city"]["format"].error()) << "formats Gemini rejects are dropped";
    EXPECT_EQ(str(parameters["properties"]["when"]["format"]), "date-time");
    EXPECT_EQ(str(parameters["properties"]["unit"]["type"]), "string");
    EXPECT_TRUE(parameters["properties"]["unit"]["nullable"].get_bool().value());
    EXPECT_EQ(str(parameters["properties"]["where"]["properties"]["lat"]["type"]), "number") << "$ref inlined";
    EXPECT_TRUE(parameters["properties"]["where"]["additionalProperties"].error());
    EXPECT_TRUE(declarations.at(1)["parameters"].error()) << "an object without properties is left out";
    EXPECT_EQ(str(body["toolConfig"]["functionCallingConfig"]["mode"]), "ANY");
    EXPECT_EQ(str(body["toolConfig"]["functionCallingConfig"]["allowedFunctionNames"].at(0)), "get_weather");
}

TEST(GeminiChatRequestTest, ToolChoiceStrings) {
    for (const auto& [choice, mode] : {std::pair{"auto", "AUTO"}, {"none", "NONE"}, {"required", "ANY"}}) {
        simdjson::dom::parser parser;
        const auto body = parse(parser, translateChatRequest(std::string(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":")") +
                                                           choice + "\"}"));
        EXPECT_EQ(str(body["toolConfig"]["functionCallingConfig"]["mode"]), mode) << choice;
    }
}

TEST(GeminiChatRequestTest, GenerationConfig) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[{"role":"user","content":"x"}],
        "max_tokens":10,"max_completion_tokens":256,"temperature":0.2,"top_p":0.9,"stop":"END","n":2,"seed":7,
        "response_format":{"type":"json_schema","json_schema":{"name":"r","strict":true,
            "schema":{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}}}})"));
    auto config = body["generationConfig"];
    EXPECT_EQ(config["maxOutputTokens"].get_int64().value(), 256) << "max_completion_tokens wins";
    EXPECT_DOUBLE_EQ(config["temperature"].get_double().value(), 0.2);
    EXPECT_DOUBLE_EQ(config["topP"].get_double().value(), 0.9);
    EXPECT_EQ(str(config["stopSequences"].at(0)), "END");
    EXPECT_EQ(config["candidateCount"].get_int64().value(), 2);
    EXPECT_EQ(config["seed"].get_int64().value(), 7);
    EXPECT_EQ(str(config["responseMimeType"]), "application/json");
    EXPECT_EQ(str(config["responseSchema"]["properties"]["a"]["type"]), "integer");
    EXPECT_TRUE(config["responseSchema"]["additionalProperties"].error());
}

TEST(GeminiChatRequestTest, NoGenerationConfigWhenNothingIsSet) {
    simdjson::dom::parser parser;
    const auto body = parse(parser, translateChatRequest(R"({"messages":[{"role":"user","content":"x"}],"stream":true})"));
    EXPECT_TRUE(body["generationConfig"].error());
    EXPECT_TRUE(body["tools"].error());
}

}  // namespace
}  // namespace portico::gemini
