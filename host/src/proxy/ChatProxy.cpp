#include "proxy/ChatProxy.h"

#include <portico/secrets.hpp>

#include <chrono>

#include "core/Log.h"
#include "http/ErrorResponder.h"
#include "http/SseWriter.h"
#include "plugins/AbiAdapters.h"
#include "proxy/ClientStream.h"
#include "proxy/CompletionAssembler.h"
#include "proxy/CompletionChunks.h"
#include "proxy/HeldStream.h"
#include "proxy/UpstreamFailure.h"
#include "proxy/UpstreamPump.h"

namespace portico::proxy {
namespace {

using core::GatewayError;
using plugins::toStr;

uint64_t nowUnixNs() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

upstream::Headers requestHeaders(const Poco::Net::HTTPServerRequest& request) {
    upstream::Headers headers;
    for (const auto& [name, value] : request) headers.emplace_back(name, value);
    return observe::redactHeaders(headers);
}

}  // namespace

ChatProxy::ChatProxy(core::Gateway& gateway, http::Exchange& exchange)
    : gateway_(gateway), exchange_(exchange), runtime_(gateway.runtime()) {
    if (gateway_.events().active()) {
        record_ = std::make_shared<observe::ExchangeRecord>();
        record_->request_id = exchange_.request_id;
        record_->start_unix_ns = nowUnixNs();
        record_->method = exchange_.request.getMethod();
        record_->path = exchange_.request.getURI();
        record_->request_headers = requestHeaders(exchange_.request);
    }
}

void ChatProxy::run(api::ChatRequest request) {
    if (record_) {
        record_->model = request.model;
        record_->request_body = request.body;
    }
    try {
        serve(request);
        finishRecord(exchange_.response.getStatus(), {}, {});
    } catch (const GatewayError& error) {
        finishRecord(error.status(), http::ErrorResponder::body(error), error.what());
        throw;
    } catch (const std::exception& error) {
        finishRecord(500, {}, error.what());
        throw;
    }
}

void ChatProxy::serve(api::ChatRequest& request) {
    portico_call call{};
    call.struct_size = sizeof call;
    call.request_id = toStr(exchange_.request_id);
    call.operation = PORTICO_OP_CHAT;
    call.flags = request.stream ? PORTICO_CALL_STREAM : 0;
    applyPreCallGuardrails(request, call);
    call.flags = request.stream ? PORTICO_CALL_STREAM : 0;  // a rewrite may have changed "stream"

    const routing::Route* route = runtime_->models.select(request.model);
    if (!route)
        throw GatewayError::notFound("The model `" + request.model + "` does not exist or is not configured on this gateway",
                                     "model_not_found");
    const config::Deployment& deployment = *route->deployment;
    if (record_) record_->provider = deployment.provider;
    if (request.stream && !route->provider->supportsStreaming())
        throw GatewayError::badRequest("Provider '" + deployment.provider + "' does not support streaming", {}, "stream");

    call.model = toStr(deployment.upstream_model);
    call.api_base = toStr(deployment.api_base);
    call.api_key = toStr(deployment.api_key);
    const double timeout_s = deployment.timeout_s > 0 ? deployment.timeout_s : gateway_.config().server.request_timeout_s;
    call.timeout_ms = static_cast<uint32_t>(timeout_s * 1000);

    // Only a differing model name costs a copy: the splice; everything else passes through.
    std::string spliced;
    std::string_view canonical = request.body;
    if (deployment.upstream_model != request.model) canonical = spliced = api::withModel(request, deployment.upstream_model);

    if (route->provider->isLocal()) serveLocal(*route, call, canonical, request.stream);
    else if (request.stream) serveUpstreamStream(*route, call, canonical);
    else serveUpstream(*route, call, canonical);
}

void ChatProxy::applyPreCallGuardrails(api::ChatRequest& request, const portico_call& call) {
    for (const auto& guardrail : runtime_->guardrails) {
        if (!guardrail->wants(PORTICO_HOOK_PRE_CALL)) continue;
        plugins::GuardrailDecision decision = guardrail->check(PORTICO_HOOK_PRE_CALL, call, request.body);
        if (decision.verdict == PORTICO_BLOCK) {
            const std::string who = "guardrail '" + guardrail->name() + "'";
            std::string message = decision.reason.find("'" + guardrail->name() + "'") != std::string::npos
                                      ? decision.reason
                                      : "Request blocked by " + who + (decision.reason.empty() ? "" : ": " + decision.reason);
            throw GatewayError(400, "invalid_request_error", "guardrail_blocked", message);
        }
        if (decision.verdict == PORTICO_REWRITE) request = api::parseChatRequest(std::move(decision.rewritten));
    }
}

void ChatProxy::applyPostCallGuardrails(std::string& response, const portico_call& call) {
    for (const auto& guardrail : runtime_->guardrails) {
        if (!guardrail->wants(PORTICO_HOOK_POST_CALL)) continue;
        plugins::GuardrailDecision decision = guardrail->check(PORTICO_HOOK_POST_CALL, call, response);
        if (decision.verdict == PORTICO_BLOCK)
            throw GatewayError(400, "invalid_request_error", "guardrail_blocked",
                               "Response blocked by guardrail '" + guardrail->name() + "'" +
                                   (decision.reason.empty() ? "" : ": " + decision.reason));
        if (decision.verdict == PORTICO_REWRITE) response = std::move(decision.rewritten);
    }
}

bool ChatProxy::hasPostCallGuardrails() const {
    for (const auto& guardrail : runtime_->guardrails)
        if (guardrail->wants(PORTICO_HOOK_POST_CALL)) return true;
    return false;
}

void ChatProxy::streamToClient(const portico_call& call, const ChunkProducer& produce,
                               ClientStream::Delivery delivery) {
    const bool held = hasPostCallGuardrails();
    http::SseWriter writer(exchange_.response);
    // A held stream is replayed from memory: all of it is at hand, so it goes out in one send.
    ClientStream client(writer, record_ != nullptr, held ? ClientStream::Delivery::WhenUpstreamIdle : delivery);
    if (held) {
        bool has_usage = false;
        portico_usage usage{};
        for (const std::string& chunk : checkedStream(call, produce, has_usage, usage))
            if (!client.onChunk(chunk)) break;
        if (has_usage) client.onUsage(usage);
        client.finish();
    } else {
        try {
            produce(client);
            if (client.clientGone()) core::Log::debug("proxy", exchange_.request_id + " client disconnected mid-stream");
            else client.finish();
        } catch (const GatewayError& error) {
            if (!client.started()) throw;
            // After an error event the stream ends without [DONE], as OpenAI's does.
            client.fail(error);
            if (record_) record_->error_message = error.what();
        }
    }
    if (record_) {
        record_->has_usage = client.hasUsage();
        record_->usage = client.usage();
        record_->chunks = std::move(client.chunks());
    }
}

std::vector<std::string> ChatProxy::checkedStream(const portico_call& call, const ChunkProducer& produce,
                                                  bool& has_usage, portico_usage& usage) {
    HeldStream held(gateway_.config().server.max_upstream_body_bytes);
    produce(held);
    if (held.overflowed())
        throw GatewayError(502, "api_error", "upstream_response_too_large",
                           "The streamed response exceeds " + std::to_string(held.limitBytes()) +
                               " bytes, the most the gateway holds back for post-call guardrails "
                               "(server.max_upstream_body_bytes)");
    CompletionAssembler assembler;
    for (const std::string& chunk : held.chunks()) assembler.add(chunk);
    const std::string assembled = assembler.completion();
    std::string checked = assembled;
    applyPostCallGuardrails(checked, call);
    has_usage = held.hasUsage();
    usage = held.usage();
    if (checked == assembled) return held.chunks();
    // A guardrail rewrote the response: stream the rewrite, not what the provider said.
    return streamChunksOf(checked, has_usage);
}

void ChatProxy::serveLocal(const routing::Route& route, const portico_call& call, std::string_view canonical, bool stream) {
    if (record_) {
        // A local provider's "upstream" is the plugin itself: record what it was given and said.
        record_->sent_upstream = true;
        record_->provider_request_unix_ns = nowUnixNs();
        record_->provider_method = "INVOKE";
        record_->provider_url = route.provider->name() + ":" + route.deployment->upstream_model;
        record_->provider_body = canonical;
    }
    portico_usage usage{};
    if (!stream) {
        std::string response;
        route.provider->invoke(call, canonical, &response, nullptr, usage);
        noteUpstreamResponse(200, response);
        if (record_) {
            record_->has_usage = true;
            record_->usage = usage;
        }
        applyPostCallGuardrails(response, call);
        respond(std::move(response));
        return;
    }
    streamToClient(
        call,
        [&](RelayTarget& out) {
            route.provider->invoke(call, canonical, nullptr, &out, usage);
            noteUpstreamResponse(200, {});
        },
        ClientStream::Delivery::EachChunk);
}

upstream::UpstreamRequest ChatProxy::upstreamRequest(const routing::Route& route, const portico_call& call,
                                                     std::string_view canonical) {
    upstream::UpstreamRequest request = route.provider->buildRequest(call, canonical);
    request.read_timeout = std::chrono::milliseconds(call.timeout_ms);
    request.connect_timeout = std::chrono::seconds(gateway_.config().server.connect_timeout_s);
    request.max_body_bytes = gateway_.config().server.max_upstream_body_bytes;
    if (record_) {
        record_->sent_upstream = true;
        record_->provider_request_unix_ns = nowUnixNs();
        record_->provider_method = request.method;
        record_->provider_url = sdk::redactUrlQuery(request.url);
        record_->provider_headers = observe::redactHeaders(request.headers);
        record_->provider_body = request.body;
    }
    return request;
}

void ChatProxy::serveUpstream(const routing::Route& route, const portico_call& call, std::string_view canonical) {
    const upstream::UpstreamRequest request = upstreamRequest(route, call, canonical);
    upstream::UpstreamResponse response;
    try {
        response = gateway_.upstream().send(request);
    } catch (const upstream::UpstreamError& error) {
        throw upstreamFailure(route.provider->name(), error);
    }
    noteUpstreamResponse(response.status, response.body);
    portico_usage usage{};
    std::string canonical_response = route.provider->parseResponse(call, response, usage);
    if (record_) {
        record_->has_usage = true;
        record_->usage = usage;
    }
    applyPostCallGuardrails(canonical_response, call);
    respond(std::move(canonical_response));
}

void ChatProxy::serveUpstreamStream(const routing::Route& route, const portico_call& call, std::string_view canonical) {
    const upstream::UpstreamRequest request = upstreamRequest(route, call, canonical);
    std::unique_ptr<upstream::UpstreamStream> upstream_stream;
    try {
        upstream_stream = gateway_.upstream().open(request);
    } catch (const upstream::UpstreamError& error) {
        throw upstreamFailure(route.provider->name(), error);
    }
    if (upstream_stream->status() < 200 || upstream_stream->status() > 299) {
        // An error answer is a plain body: read it whole and let the provider explain it.
        upstream::UpstreamResponse response{upstream_stream->status(), upstream_stream->headers(), {}};
        try {
            response.body = upstream_stream->readAll();
        } catch (const upstream::UpstreamError& error) {
            throw upstreamFailure(route.provider->name(), error);
        }
        noteUpstreamResponse(response.status, response.body);
        portico_usage usage{};
        route.provider->parseResponse(call, response, usage);
        throw GatewayError::internal("provider '" + route.provider->name() + "' accepted an upstream error response");
    }
    if (record_) {
        record_->got_provider_response = true;
        record_->provider_response_unix_ns = nowUnixNs();
        record_->provider_status = upstream_stream->status();
    }

    const std::unique_ptr<plugins::ProviderStream> provider_stream = route.provider->openStream(call);
    const bool split_events = route.provider->wantsSseEvents();
    streamToClient(
        call,
        [&](RelayTarget& out) {
            pumpUpstreamStream(*upstream_stream, *provider_stream, split_events, route.provider->name(), out);
        },
        ClientStream::Delivery::WhenUpstreamIdle);
    // Destroying upstream_stream before the body ended closes that upstream connection.
}

void ChatProxy::respond(std::string body) {
    exchange_.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    exchange_.response.setContentType("application/json");
    exchange_.response.sendBuffer(body.data(), body.size());
    if (record_) record_->response_body = std::move(body);
}

void ChatProxy::noteUpstreamResponse(int status, const std::string& body) {
    if (!record_) return;
    record_->got_provider_response = true;
    record_->provider_response_unix_ns = nowUnixNs();
    record_->provider_status = status;
    record_->provider_response_body = body;
}

void ChatProxy::finishRecord(int status, std::string body, const std::string& error) {
    if (!record_) return;
    record_->status = status;
    record_->end_unix_ns = nowUnixNs();
    record_->latency_ns = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - exchange_.started).count());
    if (!body.empty()) record_->response_body = std::move(body);
    if (record_->error_message.empty()) record_->error_message = error;
    gateway_.events().publish(std::move(record_));
}

}  // namespace portico::proxy
