#pragma once
#include "http/ApiHandler.h"
#include "pipeline/InboundCodec.h"

namespace portico::api {

/// Every LLM endpoint (chat, completions, embeddings, messages, responses, Gemini-native): auth,
/// the body read within limits, decoded by the endpoint's codec, then the one pipeline. Errors
/// reach the client in the codec's protocol.
class LlmEndpointHandler : public http::ApiHandler {
public:
    /// `key_in_query`: the endpoint also takes the key as `?key=` (Gemini clients).
    LlmEndpointHandler(core::Gateway& gateway, const pipeline::InboundCodec& codec, bool key_in_query)
        : ApiHandler(gateway), codec_(codec), key_in_query_(key_in_query) {}

protected:
    void serve(http::Exchange& exchange) override;
    std::string errorBody(const core::GatewayError& error) const override { return codec_.errorBody(error); }

private:
    const pipeline::InboundCodec& codec_;
    bool key_in_query_;
};

}  // namespace portico::api
