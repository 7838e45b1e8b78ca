// The Responses API codec's translations (host/src/api/openai): Responses requests to chat, chat
// completions back to response objects.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "api/openai/ResponseObject.h"
#include "api/openai/ResponsesToChat.h"
#include "core/GatewayError.h"

namespace portico::api::openai {
namespace {

std::string toChat(const std::string& request) {
    simdjson::padded_string padded(request);
    simdjson::dom::parser parser;
    return responsesToChat(parser.parse(padded).get_object().value(), "up");
}

TEST(ResponsesCodecTest, ItemsInstructionsAndToolsBecomeAChatRequest) {
    EXPECT_EQ(toChat(R"({"model":"m","instructions":"Be terse.","input":[{"role":"user","content":[{"type":"input_text","text":"Hi"},)"
                     R"({"type":"input_image","image_url":"https://x/i.png"}]},{"type":"reasoning","summary":[]},)"
                     R"({"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},)"
                     R"({"type":"function_call","call_id":"c2","name":"g","arguments":"{\"a\":1}"},)"
                     R"({"type":"function_call_output","call_id":"c1","output":"ok"},{"type":"function_call_output","call_id":"c2","output":{"r":2}}],)"
                     R"("tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":true}],"tool_choice":{"type":"function","name":"f"},)"
                     R"("max_output_tokens":50,"text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"}}},"stream":true})"),
              R"({"model":"up","messages":[{"role":"system","content":"Be terse."},{"role":"user","content":[{"type":"text","text":"Hi"},)"
              R"({"type":"image_url","image_url":{"url":"https://x/i.png"}}]},{"role":"assistant","content":null,"tool_calls":[)"
              R"({"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},)"
              R"({"id":"c2","type":"function","function":{"name":"g","arguments":"{\"a\":1}"}}]},)"
              R"({"role":"tool","tool_call_id":"c1","content":"ok"},{"role":"tool","tool_call_id":"c2","content":"{\"r\":2}"}],)"
              R"("max_tokens":50,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":true}}],)"
              R"("tool_choice":{"type":"function","function":{"name":"f"}},)"
              R"("response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},)"
              R"("stream":true,"stream_options":{"include_usage":true}})");
}

TEST(ResponsesCodecTest, StatefulAndBuiltInFeaturesAreRefusedNamingThem) {
    const auto param = [](const std::string& request) {
        try {
            toChat(request);
        } catch (const core::GatewayError& error) {
            return error.param();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(param(R"({"model":"m","input":"x","previous_response_id":"resp_1"})"), "previous_response_id");
    EXPECT_EQ(param(R"({"model":"m","input":"x","tools":[{"type":"file_search"}]})"), "tools[0]");
    EXPECT_EQ(param(R"({"model":"m","input":[{"type":"item_reference","id":"x"}]})"), "input[0]");
    EXPECT_EQ(param(R"({"model":"m","input":[{"role":"tool","content":"x"}]})"), "input[0].role");
    EXPECT_EQ(param(R"({"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"f"}]}]})"),
              "input[0].content[0]");
}

TEST(ResponsesCodecTest, AChatCompletionBecomesAResponse) {
    const std::string response = response_object::fromChat(
        R"({"id":"c1","choices":[{"finish_reason":"length","message":{"content":"Hi","tool_calls":[{"id":"k","function":{"name":"f","arguments":"{}"}}]}}],)"
        R"("usage":{"prompt_tokens":5,"completion_tokens":3}})",
        "pub");
    EXPECT_NE(response.find(R"("id":"resp_c1","object":"response")"), std::string::npos) << response;
    EXPECT_NE(response.find(R"("status":"incomplete","model":"pub","error":null,"incomplete_details":{"reason":"max_output_tokens"})"),
              std::string::npos)
        << response;
    EXPECT_NE(response.find(R"("output":[{"type":"message","id":"msg_c1","status":"completed","role":"assistant",)"
                            R"("content":[{"type":"output_text","text":"Hi","annotations":[]}]},)"
                            R"({"type":"function_call","id":"fc_k","call_id":"k","name":"f","arguments":"{}","status":"completed"}])"),
              std::string::npos)
        << response;
    EXPECT_NE(response.find(R"("usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":3,)"
                            R"("output_tokens_details":{"reasoning_tokens":0},"total_tokens":8})"),
              std::string::npos)
        << response;
}

}  // namespace
}  // namespace portico::api::openai
