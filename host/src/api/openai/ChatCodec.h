#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::openai {

/// POST /v1/chat/completions: the canonical format itself, so every direction is the identity and
/// a provider that speaks OpenAI chat gets the client's bytes with only "model" spliced.
class ChatCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

}  // namespace portico::api::openai
