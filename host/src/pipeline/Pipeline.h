#pragma once
#include <portico/plugin.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Gateway.h"
#include "http/ApiHandler.h"
#include "observe/ExchangeRecord.h"
#include "pipeline/ClientStream.h"
#include "pipeline/InboundCodec.h"
#include "pipeline/InboundRequest.h"
#include "pipeline/RelayTarget.h"
#include "routing/ModelTable.h"

namespace portico::pipeline {

/// The one request path every LLM endpoint runs: guardrails → routing → provider → upstream →
/// client, with the exchange recorded for observers (only when any observer is configured). What
/// differs per endpoint is the codec: it decoded the request and encodes what goes back.
///
/// A request reaches its provider in one of two shapes. Native: the client's own body, only
/// "model" edited, when the provider takes that format and operation (an OpenAI body to an
/// OpenAI-compatible upstream, an Anthropic one to Anthropic), unless a pre-call guardrail
/// rewrote its chat form or a post-call guardrail must read the answer as chat. Chat: the codec's canonical chat form, translated back by the codec. A request with no
/// chat form that the provider cannot take is answered by the codec (a token estimate) or refused.
///
/// Seams for what later issues add (limits, budgets, retries, spend): `serve` is where the route is
/// chosen and `attempt` what one try does.
class Pipeline {
public:
    Pipeline(core::Gateway& gateway, http::Exchange& exchange, const InboundCodec& codec);
    /// Answers the client, or throws GatewayError before anything was sent.
    void run(InboundRequest request);

private:
    /// How the chosen provider gets the request.
    struct Plan {
        const routing::Route* route = nullptr;
        bool native = false;  ///< the client's body as it is; otherwise its chat form
    };

    void serve(InboundRequest& request);
    Plan plan(const InboundRequest& request, const std::optional<InboundRequest>& chat) const;
    void attempt(const Plan& plan, InboundRequest& request, std::optional<InboundRequest>& chat);
    portico_call callFor(const InboundRequest& request, const Plan& plan) const;
    /// The request's chat form for guardrails, or nullopt when none need it or the request is chat.
    std::optional<InboundRequest> chatFormForGuardrails(const InboundRequest& request) const;
    /// Returns whether a guardrail rewrote the request.
    bool applyPreCallGuardrails(InboundRequest& chat, const portico_call& call);
    void applyPostCallGuardrails(std::string& response, const portico_call& call);
    bool hasPostCallGuardrails() const;

    /// Writes a stream's chunks into the consumer it is given; throws GatewayError.
    using ChunkProducer = std::function<void(RelayTarget&)>;
    /// Streams to the client what `produce` writes; with post-call guardrails on a chat response,
    /// only after they allowed the whole response (failures are then plain errors: nothing was sent).
    void streamToClient(const portico_call& call, StreamEncoder& encoder, const ChunkProducer& produce,
                        ClientStream::Delivery delivery);
    /// Produces the whole stream into a bounded buffer and returns the chunks the guardrails allow.
    std::vector<std::string> checkedStream(const portico_call& call, const ChunkProducer& produce, bool& has_usage,
                                           portico_usage& usage);
    /// One provider call: its complete answer (non-stream), or its stream sent to the client.
    std::string callLocal(const routing::Route& route, const portico_call& call, std::string_view body,
                          StreamEncoder* encoder);
    std::string callUpstream(const routing::Route& route, const portico_call& call, std::string_view body);
    void streamUpstream(const routing::Route& route, const portico_call& call, std::string_view body,
                        StreamEncoder& encoder);
    upstream::UpstreamRequest upstreamRequest(const routing::Route& route, const portico_call& call,
                                              std::string_view body);
    void respond(std::string body);
    void noteUpstreamResponse(int status, const std::string& body);
    void finishRecord(int status, std::string body, const std::string& error);

    core::Gateway& gateway_;
    http::Exchange& exchange_;
    const InboundCodec& codec_;
    std::shared_ptr<const core::Runtime> runtime_;
    std::shared_ptr<observe::ExchangeRecord> record_;  ///< null when no observer listens
    std::vector<portico_header> client_headers_;       ///< what a provider may forward (call.client_headers)
};

}  // namespace portico::pipeline
