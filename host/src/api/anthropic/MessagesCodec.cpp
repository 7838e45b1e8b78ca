#include "api/anthropic/MessagesCodec.h"

#include "api/anthropic/AnthropicErrors.h"
#include "api/anthropic/ChatToMessage.h"
#include "api/anthropic/MessagesStream.h"
#include "api/anthropic/MessagesToChat.h"
#include "api/anthropic/TokenEstimate.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

namespace portico::api::anthropic {
namespace {

using core::GatewayError;

/// The body parsed again (decode validated it): translations read it after the decode's parser is gone.
simdjson::dom::object reparsed(core::ThreadJsonParser<simdjson::dom::parser>& parser, const std::string& body) {
    simdjson::dom::object object;
    if (parser->parse(pipeline::paddedView(body)).get_object().get(object))
        throw GatewayError::internal("a decoded Anthropic body did not parse again");
    return object;
}

GatewayError notChat() { return GatewayError::internal("count_tokens has no chat form"); }

}  // namespace

pipeline::InboundRequest MessagesCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    pipeline::InboundRequest request;
    request.format = PORTICO_FORMAT_ANTHROPIC;
    {
        pipeline::RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        validateMessagesRequest(json.root());
        request.stream = json.optionalBool("stream");
    }
    request.body = std::move(body);
    return request;
}

std::string MessagesCodec::toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    return messagesToChat(reparsed(parser, request.body), upstream_model);
}

std::string MessagesCodec::fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const {
    return chatToMessage(chat_completion, request.model);
}

std::unique_ptr<pipeline::StreamEncoder> MessagesCodec::chatStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<ChatToMessagesStream>(request.model);
}

std::unique_ptr<pipeline::StreamEncoder> MessagesCodec::nativeStream(const pipeline::InboundRequest& /*request*/) const {
    return std::make_unique<NativeMessagesStream>();
}

std::string MessagesCodec::errorBody(const core::GatewayError& error) const { return anthropic::errorBody(error); }

pipeline::InboundRequest CountTokensCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    pipeline::InboundRequest request;
    request.operation = PORTICO_OP_COUNT_TOKENS;
    request.format = PORTICO_FORMAT_ANTHROPIC;
    {
        pipeline::RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        validateMessagesRequest(json.root(), /*needs_max_tokens=*/false);
    }
    request.body = std::move(body);
    return request;
}

std::string CountTokensCodec::toChat(const pipeline::InboundRequest&, std::string_view) const { throw notChat(); }
std::string CountTokensCodec::fromChat(std::string, const pipeline::InboundRequest&) const { throw notChat(); }
std::unique_ptr<pipeline::StreamEncoder> CountTokensCodec::chatStream(const pipeline::InboundRequest&) const {
    throw notChat();
}
std::unique_ptr<pipeline::StreamEncoder> CountTokensCodec::nativeStream(const pipeline::InboundRequest&) const {
    throw notChat();
}

std::optional<std::string> CountTokensCodec::answerLocally(const pipeline::InboundRequest& request) const {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    return "{\"input_tokens\":" + std::to_string(estimateInputTokens(reparsed(parser, request.body))) + "}";
}

std::string CountTokensCodec::errorBody(const core::GatewayError& error) const { return anthropic::errorBody(error); }

}  // namespace portico::api::anthropic
