#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::openai {

/// POST /v1/completions (OpenAI's legacy text completions). Passed through to providers that
/// declare PORTICO_OP_COMPLETIONS; for the others the prompt becomes one user message and the chat
/// answer (and stream) becomes `text_completion` objects again.
class CompletionsCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

}  // namespace portico::api::openai
