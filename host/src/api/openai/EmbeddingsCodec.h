#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::openai {

/// POST /v1/embeddings. No chat form: only providers that declare PORTICO_OP_EMBEDDINGS serve it.
/// Providers answer float arrays (or pass OpenAI's base64 through); when the client asked for
/// `encoding_format: "base64"`, float arrays are encoded here, as OpenAI does: the little-endian
/// float32 bytes in base64.
class EmbeddingsCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    bool hasChatForm() const override { return false; }
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::string fromNative(std::string response, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

/// `values` as OpenAI's base64 embedding: float32 little-endian, standard alphabet, padded.
std::string base64Floats(const std::vector<float>& values);

}  // namespace portico::api::openai
