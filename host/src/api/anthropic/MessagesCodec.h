#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::anthropic {

/// POST /v1/messages (Anthropic Messages). Passed through to providers that take Anthropic
/// requests (the anthropic plugin), only "model" edited, their events relayed; for every other
/// provider translated to chat and back (MessagesToChat, ChatToMessage, ChatToMessagesStream).
/// Errors are Anthropic's error bodies and `error` events.
class MessagesCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

/// POST /v1/messages/count_tokens. Passed to providers that count natively (PORTICO_OP_COUNT_TOKENS:
/// the anthropic plugin asks Anthropic); for the others the gateway estimates (about four
/// characters of text per token) and answers itself. Both answer `{"input_tokens": N}`.
class CountTokensCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    bool hasChatForm() const override { return false; }
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::optional<std::string> answerLocally(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

}  // namespace portico::api::anthropic
