// POST /v1/messages and /v1/messages/count_tokens, Anthropic's Messages API served to any provider:
// passed through to the anthropic provider (only "model" edited, its events relayed, its version
// and beta headers forwarded), translated to chat and back for the others (the mock, Gemini), and
// every error in Anthropic's shape.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <sstream>
#include <utility>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

struct NamedEvent {
    std::string name;
    Poco::JSON::Object::Ptr data;
};

/// An Anthropic SSE body's events; each must name its data's type, as Anthropic's do.
std::vector<NamedEvent> namedEvents(const std::string& body) {
    std::vector<NamedEvent> events;
    std::istringstream lines(body);
    std::string name;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("event: ", 0) == 0) name = line.substr(7);
        if (line.rfind("data: ", 0) != 0) continue;
        auto data = parseObject(line.substr(6));
        EXPECT_EQ(data->getValue<std::string>("type"), name) << line;
        events.push_back({name, data});
    }
    return events;
}

std::vector<std::string> names(const std::vector<NamedEvent>& events) {
    std::vector<std::string> out;
    for (const auto& event : events) out.push_back(event.name);
    return out;
}

/// The texts of an event stream's text_delta events, joined.
std::string streamedText(const std::vector<NamedEvent>& events) {
    std::string text;
    for (const auto& event : events)
        if (event.name == "content_block_delta" && event.data->getObject("delta")->getValue<std::string>("type") == "text_delta")
            text += event.data->getObject("delta")->getValue<std::string>("text");
    return text;
}

/// Checks an Anthropic error body and returns its `error` object.
Poco::JSON::Object::Ptr expectAnthropicError(const HttpResponse& response, int status, const std::string& type) {
    EXPECT_EQ(response.status, status) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("type"), "error") << response.body;
    const auto error = body->getObject("error");
    EXPECT_TRUE(error) << response.body;
    if (!error) return new Poco::JSON::Object;
    EXPECT_EQ(error->getValue<std::string>("type"), type) << response.body;
    EXPECT_FALSE(error->getValue<std::string>("message").empty());
    return error;
}

class MessagesEndpointTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        const auto model = [&](const std::string& name, const std::string& upstream) {
            return "  - model_name: " + name + "\n    litellm_params: {model: " + upstream + ", api_base: \"" +
                   fake_->baseUrl() + "\", api_key: " + kUpstreamKey + ", timeout: 10}\n";
        };
        config.extra_models = model("claude", "anthropic/claude-sonnet-4-5") + model("claude-429", "anthropic/claude-error-429") +
                              model("claude-overloaded", "anthropic/claude-stream-error") +
                              model("gemini-tool", "gemini/gemini-tool") + model("gemini-flash", "gemini/gemini-2.5-flash");
    }

    /// An Anthropic SDK's request: x-api-key, anthropic-version, and what else is given.
    HttpResponse messages(const std::string& body, const std::string& path = "/v1/messages",
                          std::vector<std::pair<std::string, std::string>> headers = {}) const {
        HttpRequest request;
        request.method = "POST";
        request.path = path;
        request.body = body;
        request.headers = std::move(headers);
        request.headers.emplace_back("x-api-key", kMasterKey);
        request.headers.emplace_back("anthropic-version", "2023-06-01");
        return httpCall(port(), request);
    }

    static std::string hello(const std::string& model, bool stream, const std::string& extra = "") {
        return R"({"model":")" + model + R"(","max_tokens":64,"stream":)" + (stream ? "true" : "false") +
               R"(,"system":"Be terse.","messages":[{"role":"user","content":"Say hi"}])" + extra + "}";
    }
};

TEST_F(MessagesEndpointTest, AChatProviderAnswersAsAnAnthropicMessage) {
    const auto response = messages(hello("demo", false));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("type"), "message");
    EXPECT_EQ(body->getValue<std::string>("role"), "assistant");
    EXPECT_EQ(body->getValue<std::string>("model"), "demo");
    const auto content = body->getArray("content");
    ASSERT_EQ(content->size(), 1u) << response.body;
    EXPECT_EQ(content->getObject(0)->getValue<std::string>("type"), "text");
    EXPECT_EQ(content->getObject(0)->getValue<std::string>("text"), "Hello from the mock.");
    EXPECT_EQ(body->getValue<std::string>("stop_reason"), "end_turn");
    EXPECT_TRUE(body->isNull("stop_sequence"));
    EXPECT_GT(body->getObject("usage")->getValue<int>("input_tokens"), 0);
    EXPECT_GT(body->getObject("usage")->getValue<int>("output_tokens"), 0);
}

TEST_F(MessagesEndpointTest, AChatProviderStreamsAnthropicEventsInOrder) {
    const auto response = messages(hello("demo", true));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_NE(response.header("content-type").find("text/event-stream"), std::string::npos);
    const auto events = namedEvents(response.body);
    const auto order = names(events);
    ASSERT_GE(order.size(), 6u) << response.body;
    EXPECT_EQ(order.front(), "message_start");
    EXPECT_EQ(order[1], "content_block_start");
    EXPECT_EQ(order[order.size() - 3], "content_block_stop");
    EXPECT_EQ(order[order.size() - 2], "message_delta");
    EXPECT_EQ(order.back(), "message_stop");
    EXPECT_EQ(streamedText(events), "Hello from the mock.");
    const auto start = events.front().data->getObject("message");
    EXPECT_EQ(start->getValue<std::string>("model"), "demo");
    EXPECT_EQ(start->getArray("content")->size(), 0u);
    const auto final_delta = events[order.size() - 2].data;
    EXPECT_EQ(final_delta->getObject("delta")->getValue<std::string>("stop_reason"), "end_turn");
    EXPECT_GT(final_delta->getObject("usage")->getValue<int>("output_tokens"), 0);
}

TEST_F(MessagesEndpointTest, TheAnthropicProviderGetsTheBodyAsSentWithItsHeaders) {
    // top_k and the thinking block have no chat form: only a pass-through keeps them.
    const std::string body =
        R"({"model":"claude","max_tokens":64,"top_k":5,"messages":[{"role":"user","content":"Hi"},)"
        R"({"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig"},{"type":"text","text":"Yes?"}]},)"
        R"({"role":"user","content":"Say hi"}]})";
    const auto response = messages(body, "/v1/messages", {{"anthropic-beta", "context-1m-2025-08-07"}});
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto answer = response.json();
    EXPECT_EQ(answer->getValue<std::string>("type"), "message");
    EXPECT_EQ(answer->getArray("content")->getObject(0)->getValue<std::string>("type"), "text");

    const auto upstream = fake_->lastRequest();
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/messages");
    std::string expected = body;
    expected.replace(expected.find("\"claude\""), 8, "\"claude-sonnet-4-5\"");
    EXPECT_EQ(upstream->getValue<std::string>("body"), expected);
    const auto headers = upstream->getObject("headers");
    EXPECT_EQ(headers->getValue<std::string>("anthropic-version"), "2023-06-01");
    EXPECT_EQ(headers->getValue<std::string>("anthropic-beta"), "context-1m-2025-08-07");
    EXPECT_EQ(headers->getValue<std::string>("x-api-key"), kUpstreamKey);
}

TEST_F(MessagesEndpointTest, TheAnthropicProvidersEventsAreRelayed) {
    const auto response = messages(hello("claude", true));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = namedEvents(response.body);
    const auto order = names(events);
    ASSERT_GE(order.size(), 5u) << response.body;
    EXPECT_EQ(order.front(), "message_start");
    EXPECT_EQ(order.back(), "message_stop");
    EXPECT_FALSE(streamedText(events).empty());
    EXPECT_EQ(response.body.find("data: [DONE]"), std::string::npos);
    EXPECT_EQ(response.body.find("chat.completion"), std::string::npos);
}

TEST_F(MessagesEndpointTest, ToolUseIsTranslatedBothWaysForAnotherProvider) {
    const std::string tools =
        R"(,"tools":[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object",)"
        R"("properties":{"city":{"type":"string"}},"required":["city"]}}],"tool_choice":{"type":"any"})";
    const auto response = messages(hello("gemini-tool", false, tools));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto body = response.json();
    EXPECT_EQ(body->getValue<std::string>("stop_reason"), "tool_use");
    const auto content = body->getArray("content");
    const auto call = content->getObject(content->size() - 1);
    EXPECT_EQ(call->getValue<std::string>("type"), "tool_use");
    EXPECT_EQ(call->getValue<std::string>("name"), "get_weather");
    EXPECT_FALSE(call->getValue<std::string>("id").empty());
    EXPECT_EQ(call->getObject("input")->getValue<std::string>("city"), "Oslo");
    const std::string sent = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_NE(sent.find(R"("mode":"ANY")"), std::string::npos) << sent;
    EXPECT_NE(sent.find("Be terse."), std::string::npos) << sent;

    // The result goes back as a tool_result block; Gemini gets it as a functionResponse.
    const std::string follow_up =
        R"({"model":"gemini-flash","max_tokens":64,"messages":[{"role":"user","content":"Weather in Oslo?"},)"
        R"({"role":"assistant","content":[{"type":"tool_use","id":")" + call->getValue<std::string>("id") +
        R"(","name":"get_weather","input":{"city":"Oslo"}}]},)"
        R"({"role":"user","content":[{"type":"tool_result","tool_use_id":")" + call->getValue<std::string>("id") +
        R"(","content":"{\"temp_c\":4}"}]}]})";
    const auto answer = messages(follow_up);
    ASSERT_EQ(answer.status, 200) << answer.describe();
    const std::string second = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_NE(second.find("functionResponse"), std::string::npos) << second;
    EXPECT_NE(second.find("functionCall"), std::string::npos) << second;
}

TEST_F(MessagesEndpointTest, StreamedToolUseArrivesAsAToolUseBlock) {
    const std::string tools =
        R"(,"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}])";
    const auto response = messages(hello("gemini-tool", true, tools));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = namedEvents(response.body);
    std::string arguments, tool_name;
    for (const auto& event : events) {
        if (event.name == "content_block_start" &&
            event.data->getObject("content_block")->getValue<std::string>("type") == "tool_use")
            tool_name = event.data->getObject("content_block")->getValue<std::string>("name");
        if (event.name == "content_block_delta" &&
            event.data->getObject("delta")->getValue<std::string>("type") == "input_json_delta")
            arguments += event.data->getObject("delta")->getValue<std::string>("partial_json");
    }
    EXPECT_EQ(tool_name, "get_weather") << response.body;
    EXPECT_EQ(arguments, R"({"city":"Oslo"})");
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[events.size() - 2].data->getObject("delta")->getValue<std::string>("stop_reason"), "tool_use");
}

TEST_F(MessagesEndpointTest, ErrorsAreAnthropicErrorBodies) {
    const auto missing = messages(R"({"model":"demo","messages":[{"role":"user","content":"Hi"}]})");
    EXPECT_NE(expectAnthropicError(missing, 400, "invalid_request_error")->getValue<std::string>("message").find("max_tokens"),
              std::string::npos);
    expectAnthropicError(messages(R"({"model":"demo","max_tokens":5,"messages":[{"role":"system","content":"x"}]})"), 400,
                         "invalid_request_error");
    expectAnthropicError(messages(R"({"model":"demo","max_tokens":5,"messages":[]})"), 400, "invalid_request_error");
    expectAnthropicError(messages(R"({"model":"demo","max_tokens":5,"max_tokens":6,"messages":[{"role":"user","content":"x"}]})"),
                         400, "invalid_request_error");
    expectAnthropicError(messages(hello("no-such-model", false)), 404, "not_found_error");

    HttpRequest unauthenticated;
    unauthenticated.method = "POST";
    unauthenticated.path = "/v1/messages";
    unauthenticated.body = hello("demo", false);
    unauthenticated.headers = {{"x-api-key", "sk-wrong"}, {"anthropic-version", "2023-06-01"}};
    expectAnthropicError(httpCall(port(), unauthenticated), 401, "authentication_error");

    const auto limited = messages(hello("claude-429", false));
    expectAnthropicError(limited, 429, "rate_limit_error");
    EXPECT_FALSE(limited.header("retry-after").empty());
}

TEST_F(MessagesEndpointTest, BlocksChatCannotCarryAreRefusedNamingThem) {
    const auto response = messages(
        R"({"model":"demo","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}]})");
    const auto error = expectAnthropicError(response, 400, "invalid_request_error");
    EXPECT_NE(error->getValue<std::string>("message").find("messages[0].content[0]"), std::string::npos);
    EXPECT_NE(error->getValue<std::string>("message").find("document"), std::string::npos);
}

TEST_F(MessagesEndpointTest, AnErrorInsideAStreamIsAnAnthropicErrorEvent) {
    const auto response = messages(hello("claude-overloaded", true));
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto events = namedEvents(response.body);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().name, "error") << response.body;
    EXPECT_TRUE(events.back().data->getObject("error")->has("type"));
}

TEST_F(MessagesEndpointTest, TokensAreCountedByAnthropicOrEstimated) {
    const std::string count = R"({"model":"claude","messages":[{"role":"user","content":"How many tokens is this?"}]})";
    const auto counted = messages(count, "/v1/messages/count_tokens");
    ASSERT_EQ(counted.status, 200) << counted.describe();
    EXPECT_EQ(fake_->lastRequest()->getValue<std::string>("uri"), "/v1/messages/count_tokens");
    // The fake counts a quarter of the body it received, plus one.
    const std::string sent = fake_->lastRequest()->getValue<std::string>("body");
    EXPECT_EQ(counted.json()->getValue<int>("input_tokens"), static_cast<int>(sent.size() / 4) + 1);

    const auto estimated = messages(
        R"({"model":"demo","system":"Be terse.","messages":[{"role":"user","content":"How many tokens is this?"}]})",
        "/v1/messages/count_tokens");
    ASSERT_EQ(estimated.status, 200) << estimated.describe();
    // "Be terse." + "user" + the question: 37 characters, 10 tokens, and 3 for the one message.
    EXPECT_EQ(estimated.json()->getValue<int>("input_tokens"), 13);
    EXPECT_EQ(fake_->lastRequest()->getValue<std::string>("body"), sent);  // the estimate reached no upstream

    expectAnthropicError(messages(R"({"model":"demo"})", "/v1/messages/count_tokens"), 400, "invalid_request_error");
}

TEST_F(MessagesEndpointTest, GuardrailsJudgeARequestThatWouldPassThrough) {
    const auto response = messages(R"({"model":"claude","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"say )" +
                                   std::string(kBlockedWord) + R"("}]}]})");
    const auto error = expectAnthropicError(response, 400, "invalid_request_error");
    EXPECT_NE(error->getValue<std::string>("message").find("blocked_words"), std::string::npos) << response.body;
    EXPECT_FALSE(fake_->lastRequest()->has("uri")) << "the blocked request reached the upstream";
}

TEST_F(MessagesEndpointTest, TheV2AliasAndABearerKeyServeTheSame) {
    const auto response = httpPostJson(port(), "/v2/messages", hello("demo", false), kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getValue<std::string>("type"), "message");
}

}  // namespace
}  // namespace portico::itest
