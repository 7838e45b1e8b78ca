#pragma once
#include <Poco/Net/HTTPServerRequest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/GatewayError.h"
#include "pipeline/InboundRequest.h"
#include "pipeline/StreamEncoder.h"

namespace portico::pipeline {

/// What differs between LLM endpoints: one client protocol's request validation and its
/// response, stream and error encoding. The pipeline (Pipeline) is the same for all of them.
/// Codecs are stateless and shared by every request (state of one stream lives in its
/// StreamEncoder); each lives in api/<protocol>/.
class InboundCodec {
public:
    virtual ~InboundCodec() = default;

    /// Validates the client's body (and, for Gemini, the URL) and says what it asks for. Throws
    /// GatewayError 400 naming the offending field; duplicate keys are refused.
    virtual InboundRequest decode(std::string body, const Poco::Net::HTTPServerRequest& http) const = 0;

    /// `request.body` with its model replaced by the deployment's upstream model, for a provider
    /// that takes the body as it is. Default: splices the top-level "model" value.
    virtual std::string withModel(const InboundRequest& request, std::string_view upstream_model) const;

    /// Whether the request has a canonical chat form (embeddings and token counts do not).
    virtual bool hasChatForm() const { return true; }
    /// The canonical chat-completions body equivalent to the request, "model" = upstream_model,
    /// for providers that do not take the request as it is (and for guardrails, which see chat).
    virtual std::string toChat(const InboundRequest& request, std::string_view upstream_model) const = 0;
    /// The client's response from a canonical chat.completion (the provider spoke chat).
    virtual std::string fromChat(std::string chat_completion, const InboundRequest& request) const = 0;
    /// The client's response when the provider answered in the request's own format. Default:
    /// unchanged (embeddings override it to honour encoding_format).
    virtual std::string fromNative(std::string response, const InboundRequest& /*request*/) const { return response; }
    /// The client's events from canonical chat.completion.chunks.
    virtual std::unique_ptr<StreamEncoder> chatStream(const InboundRequest& request) const = 0;
    /// The client's events when the provider streams in the request's own format.
    virtual std::unique_ptr<StreamEncoder> nativeStream(const InboundRequest& request) const = 0;

    /// The answer when the chosen provider can take neither the request nor its chat form (a
    /// token count estimated locally); nullopt = refuse (400, the model does not support it).
    virtual std::optional<std::string> answerLocally(const InboundRequest& /*request*/) const { return std::nullopt; }

    /// An error body in the client's protocol (the status comes from the error).
    virtual std::string errorBody(const core::GatewayError& error) const = 0;
};

}  // namespace portico::pipeline
