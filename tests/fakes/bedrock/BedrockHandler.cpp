#include "bedrock/BedrockHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>
#include <simdjson.h>

#include <vector>

#include "JsonText.h"
#include "RequestRecording.h"
#include "bedrock/BedrockBehavior.h"
#include "bedrock/ConverseValidation.h"
#include "bedrock/EventStreamWriter.h"
#include "bedrock/SigV4Verifier.h"
#include "openai/ChatCompletionsHandler.h"  // sendJson

namespace portico::fakes::bedrock {
namespace {

constexpr std::string_view kPrefix = "/model/";
constexpr std::string_view kConverse = "/converse";
constexpr std::string_view kConverseStream = "/converse-stream";
constexpr std::string_view kReplyText = "Hello from fake bedrock";

struct Target {
    std::string model_id;  ///< decoded
    bool stream = false;
};

Target targetOf(std::string_view path) {
    Target target;
    target.stream = path.ends_with(kConverseStream);
    const std::string_view encoded =
        path.substr(kPrefix.size(), path.size() - kPrefix.size() - (target.stream ? kConverseStream : kConverse).size());
    Poco::URI::decode(std::string(encoded), target.model_id);
    return target;
}

void sendError(Poco::Net::HTTPServerResponse& response, int status, std::string_view type, std::string_view message) {
    response.set("x-amzn-ErrorType", std::string(type));
    std::string body = R"({"message":)";
    appendJsonString(body, message);
    body.push_back('}');
    sendJson(response, status, body);
}

std::string firstToolName(simdjson::dom::element body) {
    std::string_view name;
    if (body["toolConfig"]["tools"].at(0)["toolSpec"]["name"].get(name) == simdjson::SUCCESS) return std::string(name);
    return "get_weather";
}

std::string usage(int input, int output) {
    return R"({"inputTokens":)" + std::to_string(input) + R"(,"outputTokens":)" + std::to_string(output) +
           R"(,"totalTokens":)" + std::to_string(input + output) + "}";
}

std::string converseAnswer(const std::string& content_json, std::string_view stop_reason, int input, int output) {
    return R"({"output":{"message":{"role":"assistant","content":[)" + content_json + R"(]}},"stopReason":")" +
           std::string(stop_reason) + R"(","usage":)" + usage(input, output) + R"(,"metrics":{"latencyMs":1}})";
}

std::string toolUseJson(const std::string& name) {
    std::string out = R"({"toolUse":{"toolUseId":"tooluse_fake01","name":)";
    appendJsonString(out, name);
    return out + R"(,"input":{"city":"Oslo"}}})";
}

std::string textDelta(std::string_view text) {
    std::string out = R"({"contentBlockIndex":0,"delta":{"text":)";
    appendJsonString(out, text);
    return out + R"(},"p":"abcdefgh"})";  // real payloads carry random padding; readers must ignore it
}

std::vector<std::string> streamFrames(const BedrockBehavior& behavior, const std::string& tool_name, int input) {
    using Kind = BedrockBehavior::Kind;
    std::vector<std::string> frames{eventFrame("messageStart", R"({"role":"assistant"})")};
    if (behavior.kind == Kind::Tool) {
        std::string start = R"({"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"tooluse_fake01","name":)";
        appendJsonString(start, tool_name);
        frames.push_back(eventFrame("contentBlockStart", start + "}}}"));
        frames.push_back(eventFrame("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"city\":"}}})"));
        frames.push_back(eventFrame("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"toolUse":{"input":"\"Oslo\"}"}}})"));
        frames.push_back(eventFrame("contentBlockStop", R"({"contentBlockIndex":0})"));
        frames.push_back(eventFrame("messageStop", R"({"stopReason":"tool_use"})"));
        frames.push_back(eventFrame("metadata", R"({"usage":)" + usage(input, 9) + R"(,"metrics":{"latencyMs":1}})"));
        return frames;
    }
    frames.push_back(eventFrame("contentBlockDelta", textDelta("Hello ")));
    if (behavior.kind == Kind::StreamException) {
        frames.push_back(exceptionFrame("throttlingException", R"({"message":"Too many tokens, please wait before trying again."})"));
        return frames;
    }
    if (behavior.kind == Kind::StreamCut) return frames;
    frames.push_back(eventFrame("contentBlockDelta", textDelta("from fake ")));
    frames.push_back(eventFrame("contentBlockDelta", textDelta("bedrock")));
    frames.push_back(eventFrame("contentBlockStop", R"({"contentBlockIndex":0})"));
    frames.push_back(eventFrame("messageStop", R"({"stopReason":"end_turn"})"));
    frames.push_back(eventFrame("metadata", R"({"usage":)" + usage(input, 5) + R"(,"metrics":{"latencyMs":1}})"));
    return frames;
}

void sendStream(Poco::Net::HTTPServerResponse& response, const std::vector<std::string>& frames, FakeState& state) {
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setChunkedTransferEncoding(true);
    response.setContentType("application/vnd.amazon.eventstream");
    std::ostream& out = response.send();
    for (const std::string& frame : frames) {
        out.write(frame.data(), static_cast<std::streamsize>(frame.size()));
        out.flush();
        if (!out.good()) {
            state.streams_aborted.fetch_add(1, std::memory_order_relaxed);
            return;
        }
    }
    state.streams_completed.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

bool BedrockHandler::claims(std::string_view method, std::string_view path) {
    return method == "POST" && path.starts_with(kPrefix) && path.size() > kPrefix.size() + kConverse.size() &&
           (path.ends_with(kConverse) || path.ends_with(kConverseStream));
}

void BedrockHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const std::string body = readAndRecord(request, state_);
    response.set("x-amzn-RequestId", "fake-" + std::to_string(state_.nextId()));
    if (const AuthFailure failure = verifyAuthorization(request, body); !failure.error_type.empty())
        return sendError(response, 403, failure.error_type, failure.message);

    simdjson::dom::parser parser;
    simdjson::dom::element parsed;
    if (parser.parse(body).get(parsed) != simdjson::SUCCESS)
        return sendError(response, 400, "SerializationException", "The request body is not valid JSON.");
    if (const std::string problem = invalidConverseBody(parsed); !problem.empty())
        return sendError(response, 400, "ValidationException", problem);

    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    const Target target = targetOf(path);
    const BedrockBehavior behavior = BedrockBehavior::fromModel(target.model_id);
    const int input = static_cast<int>(body.size() / 4) + 1;
    using Kind = BedrockBehavior::Kind;
    switch (behavior.kind) {
    case Kind::Throttle:
        response.set("Retry-After", "1");
        return sendError(response, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
    case Kind::Context:
        return sendError(response, 400, "ValidationException", "Input is too long for requested model.");
    case Kind::Denied:
        return sendError(response, 403, "AccessDeniedException",
                         "You don't have access to the model with the specified model ID.");
    default:
        break;
    }
    if (target.stream) return sendStream(response, streamFrames(behavior, firstToolName(parsed), input), state_);
    if (behavior.kind == Kind::Tool)
        return sendJson(response, 200, converseAnswer(toolUseJson(firstToolName(parsed)), "tool_use", input, 9));
    std::string text_block = R"({"text":)";
    appendJsonString(text_block, kReplyText);
    sendJson(response, 200, converseAnswer(text_block + "}", "end_turn", input, 5));
}

}  // namespace portico::fakes::bedrock
