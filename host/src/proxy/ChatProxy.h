#pragma once
#include <portico/plugin.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/ChatRequest.h"
#include "core/Gateway.h"
#include "http/ApiHandler.h"
#include "observe/ExchangeRecord.h"
#include "proxy/ClientStream.h"
#include "proxy/RelayTarget.h"
#include "routing/ModelTable.h"

namespace portico::proxy {

/// One chat completion through the request path: guardrails → routing → provider → upstream →
/// client, with the exchange recorded for observers (only when any observer is configured).
class ChatProxy {
public:
    ChatProxy(core::Gateway& gateway, http::Exchange& exchange);
    /// Answers the client, or throws GatewayError before anything was sent.
    void run(api::ChatRequest request);

private:
    void serve(api::ChatRequest& request);
    void applyPreCallGuardrails(api::ChatRequest& request, const portico_call& call);
    void applyPostCallGuardrails(std::string& response, const portico_call& call);
    bool hasPostCallGuardrails() const;
    /// Writes a stream's chunks into the consumer it is given; throws GatewayError.
    using ChunkProducer = std::function<void(RelayTarget&)>;
    /// Streams to the client what `produce` writes; with post-call guardrails, only after they
    /// allowed the whole response (and then failures are plain errors: nothing was sent yet).
    void streamToClient(const portico_call& call, const ChunkProducer& produce, ClientStream::Delivery delivery);
    /// Produces the whole stream into a bounded buffer and returns the chunks the guardrails allow.
    std::vector<std::string> checkedStream(const portico_call& call, const ChunkProducer& produce, bool& has_usage,
                                           portico_usage& usage);
    void serveLocal(const routing::Route& route, const portico_call& call, std::string_view canonical, bool stream);
    void serveUpstream(const routing::Route& route, const portico_call& call, std::string_view canonical);
    void serveUpstreamStream(const routing::Route& route, const portico_call& call, std::string_view canonical);
    upstream::UpstreamRequest upstreamRequest(const routing::Route& route, const portico_call& call,
                                              std::string_view canonical);
    void respond(std::string body);
    void noteUpstreamResponse(int status, const std::string& body);
    void finishRecord(int status, std::string body, const std::string& error);

    core::Gateway& gateway_;
    http::Exchange& exchange_;
    std::shared_ptr<const core::Runtime> runtime_;
    std::shared_ptr<observe::ExchangeRecord> record_;  ///< null when no observer listens
};

}  // namespace portico::proxy
