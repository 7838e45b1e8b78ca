#include "anthropic/MessagesHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <ostream>
#include <string>

#include "RequestRecording.h"
#include "anthropic/AnthropicBodies.h"

namespace portico::fakes::anthropic {
namespace {

/// The tool input claude-tool answers with, and the fragments its stream sends it in.
constexpr std::string_view kToolInput = R"({"city":"Oslo"})";
constexpr std::string_view kToolInputFragments[] = {R"({"ci)", R"(ty":)", R"("Os)", R"(lo"})"};
constexpr std::string_view kToolId = "toolu_fake01";

void sendJson(Poco::Net::HTTPServerResponse& response, int status, std::string_view body) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json");
    response.set("request-id", "req_fake");
    response.sendBuffer(body.data(), body.size());
}

void sendError(Poco::Net::HTTPServerResponse& response, int status, std::string_view message) {
    if (status == 429 || status == 529) response.set("retry-after", "1");
    sendJson(response, status, bodies::error(bodies::errorTypeFor(status), message));
}

}  // namespace

std::optional<Endpoint> MessagesHandler::endpointOf(std::string_view path) {
    if (path == "/v1/messages") return Endpoint::Messages;
    if (path == "/v1/messages/count_tokens") return Endpoint::CountTokens;
    return std::nullopt;
}

void MessagesHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const std::string body = readAndRecord(request, state_);
    const std::string key = request.get("x-api-key", "");
    if (key.empty()) return sendError(response, 401, "x-api-key header is required");
    if (key == "sk-bad") return sendError(response, 401, "invalid x-api-key");
    if (request.get("anthropic-version", "").empty()) return sendError(response, 400, "anthropic-version: header is required");

    MessagesRequest parsed;
    if (const auto refusal = validate(body, endpoint_, parsed)) return sendError(response, 400, refusal->message);
    const int input_tokens = static_cast<int>(body.size() / 4) + 1;
    if (endpoint_ == Endpoint::CountTokens)
        return sendJson(response, 200, R"({"input_tokens":)" + std::to_string(input_tokens) + "}");

    const ClaudeBehavior behavior = ClaudeBehavior::fromModel(parsed.model);
    switch (behavior.kind) {
    case ClaudeBehavior::Kind::Error: return sendError(response, behavior.status, "fake upstream error " + std::to_string(behavior.status));
    case ClaudeBehavior::Kind::Context:
        return sendError(response, 400, "prompt is too long: " + std::to_string(input_tokens + 200000) + " tokens > 200000 maximum");
    case ClaudeBehavior::Kind::Tool:
        if (parsed.first_tool.empty()) return sendError(response, 400, "fake: claude-tool needs a tool to call");
        break;
    default: break;
    }
    if (parsed.stream) return sendStream(parsed, behavior, input_tokens, response);
    if (behavior.kind == ClaudeBehavior::Kind::StreamCut || behavior.kind == ClaudeBehavior::Kind::StreamError)
        return sendError(response, 500, "fake: a stream scenario asked for without stream");
    const std::string id = "msg_fake" + std::to_string(state_.nextId());
    const bodies::Usage usage{input_tokens, 5};
    sendJson(response, 200,
             behavior.kind == ClaudeBehavior::Kind::Tool
                 ? bodies::toolMessage(id, parsed.model, kToolId, parsed.first_tool, kToolInput, usage)
                 : bodies::textMessage(id, parsed.model, kClaudeReply, usage));
}

void MessagesHandler::sendStream(const MessagesRequest& parsed, ClaudeBehavior behavior, int input_tokens,
                                 Poco::Net::HTTPServerResponse& response) {
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setChunkedTransferEncoding(true);
    response.setContentType("text/event-stream; charset=utf-8");
    response.set("request-id", "req_fake");
    response.set("Cache-Control", "no-cache");
    std::ostream& out = response.send();
    std::string frame;
    // Every event is flushed on its own, as Anthropic does; a failed flush means the reader left.
    const auto emit = [&](std::string_view name, std::string_view data) {
        frame.assign("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
        out.write(frame.data(), static_cast<std::streamsize>(frame.size()));
        out.flush();
        return out.good();
    };
    const auto aborted = [&] { state_.streams_aborted.fetch_add(1, std::memory_order_relaxed); };
    namespace events = bodies::events;

    if (!emit("message_start", events::messageStart("msg_fake" + std::to_string(state_.nextId()), parsed.model, input_tokens)) ||
        !emit("ping", events::kPing))
        return aborted();
    int output_tokens = 0;
    std::string_view stop_reason = "end_turn";
    if (behavior.kind == ClaudeBehavior::Kind::Tool) {
        if (!emit("content_block_start", events::toolBlockStart(0, kToolId, parsed.first_tool))) return aborted();
        for (const std::string_view fragment : kToolInputFragments)
            if (!emit("content_block_delta", events::inputJsonDelta(0, fragment))) return aborted();
        output_tokens = 12;
        stop_reason = "tool_use";
    } else {
        if (!emit("content_block_start", events::textBlockStart(0))) return aborted();
        // The reply in three pieces, so a client must join deltas to read it.
        const std::string_view reply = kClaudeReply;
        const std::size_t third = reply.size() / 3;
        if (!emit("content_block_delta", events::textDelta(0, reply.substr(0, third)))) return aborted();
        if (behavior.kind == ClaudeBehavior::Kind::StreamCut) {
            state_.streams_completed.fetch_add(1, std::memory_order_relaxed);
            return;  // the body ends here: no message_delta, no message_stop
        }
        if (behavior.kind == ClaudeBehavior::Kind::StreamError) {
            if (!emit("error", bodies::error("overloaded_error", "Overloaded"))) return aborted();
            state_.streams_completed.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (!emit("content_block_delta", events::textDelta(0, reply.substr(third, third))) ||
            !emit("content_block_delta", events::textDelta(0, reply.substr(2 * third))))
            return aborted();
        output_tokens = 5;
    }
    if (!emit("content_block_stop", events::blockStop(0)) ||
        !emit("message_delta", events::messageDelta(stop_reason, output_tokens)) ||
        !emit("message_stop", events::kMessageStop))
        return aborted();
    state_.streams_completed.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace portico::fakes::anthropic
