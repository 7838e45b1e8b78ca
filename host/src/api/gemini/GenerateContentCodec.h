#pragma once
#include "pipeline/InboundCodec.h"

namespace portico::api::gemini {

/// POST /v1beta/models/{model}:generateContent and :streamGenerateContent (Gemini's own API, as
/// the @google/genai SDK calls it; streams as `?alt=sse`). The model comes from the URL. Passed
/// through to providers taking Gemini bodies (the gemini plugin), else translated to chat and back
/// (GeminiToChat, ChatToGemini, ChatToGeminiStream). Errors are Google RPC error bodies.
class GenerateContentCodec : public pipeline::InboundCodec {
public:
    pipeline::InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const override;
    /// The body has no model (it is in the URL): a provider gets it unchanged and builds its URL.
    std::string withModel(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const override;
    std::string fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> chatStream(const pipeline::InboundRequest& request) const override;
    std::unique_ptr<pipeline::StreamEncoder> nativeStream(const pipeline::InboundRequest& request) const override;
    std::string errorBody(const core::GatewayError& error) const override;
};

}  // namespace portico::api::gemini
