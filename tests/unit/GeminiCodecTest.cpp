// The Gemini-native inbound codec's translations (host/src/api/gemini): generateContent requests to
// chat, chat completions back to GenerateContentResponses, Google RPC errors.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "api/gemini/ChatToGemini.h"
#include "api/gemini/GeminiErrors.h"
#include "api/gemini/GeminiToChat.h"
#include "core/GatewayError.h"

namespace portico::api::gemini {
namespace {

std::string toChat(const std::string& request, bool stream = false) {
    simdjson::padded_string padded(request);
    simdjson::dom::parser parser;
    const simdjson::dom::object object = parser.parse(padded).get_object().value();
    validateGenerateContent(object);
    return geminiToChat(object, "up", stream);
}

TEST(GeminiCodecTest, ContentsAndGenerationConfigBecomeAChatRequest) {
    EXPECT_EQ(toChat(R"({"systemInstruction":{"parts":[{"text":"A"},{"text":"B"}]},"contents":[)"
                     R"({"parts":[{"text":"Hi"},{"inlineData":{"mimeType":"image/png","data":"QUJD"}}]},)"
                     R"({"role":"model","parts":[{"text":"t","thought":true},{"text":"Yes?"}]}],)"
                     R"("generationConfig":{"maxOutputTokens":7,"topP":0.9,"stopSequences":["x"],"responseMimeType":"application/json"}})",
                     true),
              R"({"model":"up","messages":[{"role":"system","content":"A\nB"},{"role":"user","content":[{"type":"text","text":"Hi"},)"
              R"({"type":"image_url","image_url":{"url":"data:image/png;base64,QUJD"}}]},{"role":"assistant","content":"Yes?"}],)"
              R"("max_tokens":7,"top_p":0.9,"stop":["x"],"response_format":{"type":"json_object"},)"
              R"("stream":true,"stream_options":{"include_usage":true}})");
}

TEST(GeminiCodecTest, FunctionCallsAndResponsesShareIdsByNameAndOrder) {
    EXPECT_EQ(toChat(R"({"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}}},)"
                     R"({"functionCall":{"name":"f","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"f",)"
                     R"("response":{"r":1}}},{"functionResponse":{"name":"f","response":{"r":2}}}]}],)"
                     R"("tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object"}}]}],)"
                     R"("toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}}})"),
              R"({"model":"up","messages":[{"role":"assistant","content":null,"tool_calls":[)"
              R"({"id":"call_f_0","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},)"
              R"({"id":"call_f_1","type":"function","function":{"name":"f","arguments":"{}"}}]},)"
              R"({"role":"tool","tool_call_id":"call_f_0","content":"{\"r\":1}"},)"
              R"({"role":"tool","tool_call_id":"call_f_1","content":"{\"r\":2}"}],)"
              R"("tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],)"
              R"("tool_choice":{"type":"function","function":{"name":"f"}}})");
}

TEST(GeminiCodecTest, WhatGeminiRejectsIsA400NamingTheField) {
    const auto param = [](const std::string& request) {
        try {
            toChat(request);
        } catch (const core::GatewayError& error) {
            EXPECT_EQ(error.status(), 400);
            return error.param();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(param(R"({})"), "contents");
    EXPECT_EQ(param(R"({"contents":[{"role":"assistant","parts":[{"text":"x"}]}]})"), "contents[0].role");
    EXPECT_EQ(param(R"({"contents":[{"parts":[]}]})"), "contents[0].parts");
    EXPECT_EQ(param(R"({"contents":[{"parts":[{"executableCode":{}}]}]})"), "contents[0].parts[0]");
    EXPECT_EQ(param(R"({"contents":[{"parts":[{"text":"x"}]}],"tools":[{"codeExecution":{}}]})"), "tools[0]");
}

TEST(GeminiCodecTest, AChatCompletionBecomesAGenerateContentResponse) {
    EXPECT_EQ(chatToGemini(R"({"id":"c1","choices":[{"finish_reason":"length","message":{"content":"Hi",)"
                           R"("tool_calls":[{"id":"k","function":{"name":"f","arguments":"{\"a\": 2}"}}]}}],)"
                           R"("usage":{"prompt_tokens":5,"completion_tokens":3,"completion_tokens_details":{"reasoning_tokens":1}}})",
                           "pub"),
              R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"},{"functionCall":{"name":"f","args":{"a":2},"id":"k"}}]},)"
              R"("finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,)"
              R"("thoughtsTokenCount":1,"totalTokenCount":8},"modelVersion":"pub","responseId":"c1"})");
}

TEST(GeminiCodecTest, ErrorsAreGoogleRpcErrors) {
    EXPECT_EQ(errorBody(core::GatewayError::notFound("gone")), R"({"error":{"code":404,"message":"gone","status":"NOT_FOUND"}})");
    EXPECT_NE(errorBody(core::GatewayError(429, "x", {}, "slow")).find("RESOURCE_EXHAUSTED"), std::string::npos);
    EXPECT_NE(errorBody(core::GatewayError::unauthorized("no")).find("UNAUTHENTICATED"), std::string::npos);
    EXPECT_NE(errorBody(core::GatewayError(502, "x", {}, "bad")).find("INTERNAL"), std::string::npos);
}

}  // namespace
}  // namespace portico::api::gemini
