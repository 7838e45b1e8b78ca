// POST /v1/responses, OpenAI's Responses API served to any provider: passed through to an OpenAI
// upstream (its state included: previous_response_id reaches it), and translated statelessly to
// chat and back for the others (the mock, Anthropic), streamed as the Responses API's typed events.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <sstream>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

struct TypedEvent {
    std::string name;
    Poco::JSON::Object::Ptr data;
};

/// A typed SSE body's events; each must name its data's type, and sequence numbers must rise.
std::vector<TypedEvent> typedEvents(const std::string& body) {
    std::vector<TypedEvent> events;
    std::istringstream lines(body);
    std::string name;
    long last = -1;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("event: ", 0) == 0) name = line.substr(7);
        if (line.rfind("data: ", 0) != 0) continue;
        auto data = parseObject(line.substr(6));
        EXPECT_EQ(data->getValue<std::string>("type"), name) << line;
        const long sequence = data->getValue<long>("sequence_number");
        EXPECT_GT(sequence, last) << line;
        last = sequence;
        events.push_back({name, data});
    }
    return events;
}

/// The joined deltas of the events named `name`.
std::string joinedDeltas(const std::vector<TypedEvent>& events, const std::string& name) {
    std::string text;
    for (const auto& event : events)
        if (event.name == name) text += event.data->getValue<std::string>("delta");
    return text;
}

/// The output_text of a response object's message items, joined.
std::string outputText(const Poco::JSON::Object::Ptr& response) {
    std::string text;
    const auto output = response->getArray("output");
    for (std::size_t i = 0; output && i < output->size(); ++i) {
        const auto item = output->getObject(i);
        if (item->getValue<std::string>("type") != "message") continue;
        const auto content = item->getArray("content");
        for (std::size_t j = 0; j < content->size(); ++j) text += content->getObject(j)->getValue<std::string>("text");
    }
    return text;
}

class ResponsesEndpointTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        config.extra_models = "  - model_name: claude-tool\n    litellm_params: {model: anthropic/claude-tool, api_base: \"" +
                              fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n" +
                              "  - model_name: gpt-responses\n    litellm_params: {model: openai/gpt-4.1-mini, api_base: \"" +
                              fake_->apiBase() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
    }
    HttpResponse post(const std::string& body) const { return httpPostJson(port(), "/v1/responses", body, kMasterKey); }

    static constexpr const char* kTool =
        R"("tools":[{"type":"function","name":"get_weather","description":"Current weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"tool_choice":"required")";
};

TEST_F(ResponsesEndpointTest, AChatProviderAnswersAResponseObject) {
    const auto response = post(R"({"model":"demo","instructions":"Be terse.","input":"Say hi","max_output_tokens":32})");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("object"), "response");
    EXPECT_EQ(body->getValue<std::string>("status"), "completed");
    EXPECT_EQ(body->getValue<std::string>("model"), "demo");
    EXPECT_EQ(body->getValue<std::string>("id").rfind("resp_", 0), 0u);
    EXPECT_EQ(outputText(body), "Hello from the mock.");
    const auto usage = body->getObject("usage");
    EXPECT_GT(usage->getValue<int>("input_tokens"), 0);
    EXPECT_EQ(usage->getValue<int>("total_tokens"), usage->getValue<int>("input_tokens") + usage->getValue<int>("output_tokens"));
}

TEST_F(ResponsesEndpointTest, AChatProviderStreamsResponsesEvents) {
    const auto response = post(R"({"model":"demo","input":[{"role":"user","content":[{"type":"input_text","text":"Say hi"}]}],"stream":true})");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = typedEvents(response.body);
    ASSERT_GE(events.size(), 8u) << response.body;
    EXPECT_EQ(events[0].name, "response.created");
    EXPECT_EQ(events[1].name, "response.in_progress");
    EXPECT_EQ(events[2].name, "response.output_item.added");
    EXPECT_EQ(events.back().name, "response.completed");
    EXPECT_EQ(joinedDeltas(events, "response.output_text.delta"), "Hello from the mock.");
    const auto completed = events.back().data->getObject("response");
    EXPECT_EQ(completed->getValue<std::string>("status"), "completed");
    EXPECT_EQ(outputText(completed), "Hello from the mock.");
    EXPECT_GT(completed->getObject("usage")->getValue<int>("output_tokens"), 0);
    EXPECT_EQ(response.body.find("[DONE]"), std::string::npos);
}

TEST_F(ResponsesEndpointTest, FunctionCallsRoundTripThroughAnotherProvider) {
    const auto response = post(std::string(R"({"model":"claude-tool","input":"Weather in Oslo?",)") + kTool + "}");
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto output = response.json()->getArray("output");
    Poco::JSON::Object::Ptr call;
    for (std::size_t i = 0; i < output->size(); ++i)
        if (output->getObject(i)->getValue<std::string>("type") == "function_call") call = output->getObject(i);
    ASSERT_TRUE(call) << response.body;
    EXPECT_EQ(call->getValue<std::string>("name"), "get_weather");
    EXPECT_EQ(call->getValue<std::string>("arguments"), R"({"city":"Oslo"})");
    const std::string call_id = call->getValue<std::string>("call_id");
    EXPECT_NE(fake_->lastRequest()->getValue<std::string>("body").find(R"("tool_choice":{"type":"any"})"), std::string::npos);

    // The result goes back as function_call_output; Anthropic gets tool_use then tool_result.
    const auto follow_up = post(R"({"model":"claude-tool","input":[{"role":"user","content":"Weather in Oslo?"},)"
                                R"({"type":"function_call","call_id":")" + call_id +
                                R"(","name":"get_weather","arguments":"{\"city\":\"Oslo\"}"},)"
                                R"({"type":"function_call_output","call_id":")" + call_id + R"(","output":"{\"temp_c\":4}"}],)" +
                                kTool + "}");
    ASSERT_EQ(follow_up.status, 200) << follow_up.describe();
    const std::string sent = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_NE(sent.find("tool_result"), std::string::npos) << sent;

    const auto streamed = post(std::string(R"({"model":"claude-tool","input":"Weather?","stream":true,)") + kTool + "}");
    ASSERT_EQ(streamed.status, 200) << streamed.describe();
    const auto events = typedEvents(streamed.body);
    EXPECT_EQ(joinedDeltas(events, "response.function_call_arguments.delta"), R"({"city":"Oslo"})");
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().name, "response.completed");
}

TEST_F(ResponsesEndpointTest, AnOpenAiUpstreamGetsTheBodyAsSentWithItsState) {
    const std::string body = R"({"model":"gpt-responses","input":"Say hi","store":true,"reasoning":{"effort":"low"}})";
    const auto response = post(body);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(outputText(response.json()), "Hello from fake upstream");
    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/responses");
    std::string expected = body;
    expected.replace(expected.find("gpt-responses"), 13, "gpt-4.1-mini");
    EXPECT_EQ(upstream->getValue<std::string>("body"), expected);

    // previous_response_id is the upstream's to resolve: the fake stores nothing and says so.
    const auto chained = post(R"({"model":"gpt-responses","input":"And?","previous_response_id":"resp_123"})");
    EXPECT_EQ(expectOpenAiError(chained, 400)->getValue<std::string>("param"), "previous_response_id");

    const auto streamed = post(R"({"model":"gpt-responses","input":"Say hi","stream":true})");
    ASSERT_EQ(streamed.status, 200) << streamed.describe();
    const auto events = typedEvents(streamed.body);
    EXPECT_EQ(joinedDeltas(events, "response.output_text.delta"), "Hello from fake upstream");
    EXPECT_EQ(events.back().name, "response.completed");
}

TEST_F(ResponsesEndpointTest, WhatAStatelessTranslationCannotCarryIsRefused) {
    const auto chained = post(R"({"model":"demo","input":"And?","previous_response_id":"resp_1"})");
    EXPECT_EQ(expectOpenAiError(chained, 400)->getValue<std::string>("param"), "previous_response_id");
    const auto built_in = post(R"({"model":"demo","input":"x","tools":[{"type":"web_search"}]})");
    EXPECT_EQ(expectOpenAiError(built_in, 400)->getValue<std::string>("param"), "tools[0]");
    expectOpenAiError(post(R"({"model":"demo"})"), 400);
    expectOpenAiError(post(R"({"model":"demo","input":[1]})"), 400);
}

TEST_F(ResponsesEndpointTest, TheV2AliasServesTheSame) {
    const auto response = httpPostJson(port(), "/v2/responses", R"({"model":"demo","input":"Say hi"})", kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getValue<std::string>("object"), "response");
}

}  // namespace
}  // namespace portico::itest
