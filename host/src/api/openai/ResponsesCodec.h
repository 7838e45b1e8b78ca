#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::openai {

/// POST /v1/responses (OpenAI's Responses API). Passed through to providers that declare
/// PORTICO_OP_RESPONSES (openai, with its stored state: previous_response_id works there); for the
/// others stateless, translated to chat and back (ResponsesToChat, response_object,
/// ChatToResponsesStream).
class ResponsesCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

}  // namespace portico::api::openai
