#include "pipeline/Pipeline.h"

#include <portico/secrets.hpp>

#include <chrono>

#include "core/Log.h"
#include "http/SseWriter.h"
#include "pipeline/ChatRequest.h"
#include "pipeline/CompletionAssembler.h"
#include "pipeline/CompletionChunks.h"
#include "pipeline/HeldStream.h"
#include "pipeline/ModelSplice.h"
#include "pipeline/UpstreamFailure.h"
#include "pipeline/UpstreamPump.h"
#include "plugins/AbiAdapters.h"

namespace portico::pipeline {
namespace {

using core::GatewayError;
using plugins::toStr;

/// Client headers a provider may need to forward (Anthropic's API version and beta flags).
constexpr const char* kForwardedHeaders[] = {"anthropic-version", "anthropic-beta"};

uint64_t nowUnixNs() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

upstream::Headers requestHeaders(const Poco::Net::HTTPServerRequest& request) {
    upstream::Headers headers;
    for (const auto& [name, value] : request) headers.emplace_back(name, value);
    return observe::redactHeaders(headers);
}

bool isChat(const InboundRequest& request) {
    return request.operation == PORTICO_OP_CHAT && request.format == PORTICO_FORMAT_CANONICAL;
}

/// Post-call guardrails judge chat completions; other answers are not theirs to read.
bool answersChat(const portico_call& call) {
    return call.operation == PORTICO_OP_CHAT && call.body_format == PORTICO_FORMAT_CANONICAL;
}

}  // namespace

Pipeline::Pipeline(core::Gateway& gateway, http::Exchange& exchange, const InboundCodec& codec)
    : gateway_(gateway), exchange_(exchange), codec_(codec), runtime_(gateway.runtime()) {
    if (gateway_.events().active()) {
        record_ = std::make_shared<observe::ExchangeRecord>();
        record_->request_id = exchange_.request_id;
        record_->start_unix_ns = nowUnixNs();
        record_->method = exchange_.request.getMethod();
        record_->path = exchange_.request.getURI();
        record_->request_headers = requestHeaders(exchange_.request);
    }
    for (const char* name : kForwardedHeaders) {
        const auto found = exchange_.request.find(name);
        if (found != exchange_.request.end()) client_headers_.push_back({toStr(name), toStr(found->second)});
    }
}

void Pipeline::run(InboundRequest request) {
    if (record_) {
        record_->model = request.model;
        record_->request_body = request.body;
    }
    try {
        serve(request);
        finishRecord(exchange_.response.getStatus(), {}, {});
    } catch (const GatewayError& error) {
        finishRecord(error.status(), codec_.errorBody(error), error.what());
        throw;
    } catch (const std::exception& error) {
        finishRecord(500, {}, error.what());
        throw;
    }
}

void Pipeline::serve(InboundRequest& request) {
    std::optional<InboundRequest> chat = chatFormForGuardrails(request);
    if (chat || isChat(request)) {
        // Guardrails see the request before routing: a rewrite may change the model it goes to.
        InboundRequest& guarded = chat ? *chat : request;
        const bool stream = guarded.stream;
        portico_call call{};
        call.struct_size = sizeof call;
        call.request_id = toStr(exchange_.request_id);
        call.operation = PORTICO_OP_CHAT;
        call.flags = stream ? PORTICO_CALL_STREAM : 0;
        const bool rewritten = applyPreCallGuardrails(guarded, call);
        if (chat && chat->stream != stream)
            throw GatewayError::badRequest("A guardrail's rewrite cannot change 'stream' on this endpoint", {}, "stream");
        // Allowed unchanged, the client's own body says the same: a provider that takes it still
        // gets it as it is, unless a post-call guardrail must read the answer as chat.
        if (chat && !rewritten && !hasPostCallGuardrails()) chat.reset();
    }
    attempt(plan(request, chat), request, chat);
}

std::optional<InboundRequest> Pipeline::chatFormForGuardrails(const InboundRequest& request) const {
    if (runtime_->guardrails.empty() || isChat(request) || !codec_.hasChatForm()) return std::nullopt;
    return parseChatRequest(codec_.toChat(request, request.model));
}

Pipeline::Plan Pipeline::plan(const InboundRequest& request, const std::optional<InboundRequest>& chat) const {
    const std::string& model = chat ? chat->model : request.model;
    Plan plan;
    plan.route = runtime_->models.select(model);
    if (!plan.route)
        throw GatewayError::notFound("The model `" + model + "` does not exist or is not configured on this gateway",
                                     "model_not_found");
    plan.native = !chat && plan.route->provider->accepts(request.operation, request.format);
    return plan;
}

portico_call Pipeline::callFor(const InboundRequest& sent, const Plan& plan) const {
    const config::Deployment& deployment = *plan.route->deployment;
    portico_call call{};
    call.struct_size = sizeof call;
    call.request_id = toStr(exchange_.request_id);
    call.operation = plan.native ? sent.operation : PORTICO_OP_CHAT;
    call.body_format = plan.native ? sent.format : PORTICO_FORMAT_CANONICAL;
    call.flags = sent.stream ? PORTICO_CALL_STREAM : 0;
    call.model = toStr(deployment.upstream_model);
    call.api_base = toStr(deployment.api_base);
    call.api_key = toStr(deployment.api_key);
    const double timeout_s = deployment.timeout_s > 0 ? deployment.timeout_s : gateway_.config().server.request_timeout_s;
    call.timeout_ms = static_cast<uint32_t>(timeout_s * 1000);
    call.attempt = 0;
    call.public_model = toStr(deployment.model_name);
    call.deployment_id = toStr(deployment.id);
    call.client_headers = client_headers_.data();
    call.client_header_count = client_headers_.size();
    return call;
}

void Pipeline::attempt(const Plan& plan, InboundRequest& request, std::optional<InboundRequest>& chat) {
    const routing::Route& route = *plan.route;
    const plugins::ProviderInstance& provider = *route.provider;
    const config::Deployment& deployment = *route.deployment;
    if (record_) record_->provider = deployment.provider;
    if (!plan.native && !(codec_.hasChatForm() && provider.accepts(PORTICO_OP_CHAT, PORTICO_FORMAT_CANONICAL))) {
        if (std::optional<std::string> answer = codec_.answerLocally(request)) return respond(std::move(*answer));
        throw GatewayError::badRequest("The model `" + request.model + "` (provider '" + deployment.provider +
                                           "') does not support " + exchange_.request.getMethod() + " " +
                                           exchange_.request.getURI(),
                                       "unsupported_endpoint", "model");
    }
    const InboundRequest& sent = chat ? *chat : request;
    if (sent.stream && !provider.supportsStreaming())
        throw GatewayError::badRequest("Provider '" + deployment.provider + "' does not support streaming", {}, "stream");

    // Only a differing model name (or a translation) costs a copy; everything else passes through.
    const std::string& upstream_model = deployment.upstream_model;
    std::string owned;
    std::string_view body = sent.body;
    if (plan.native || chat) {
        if (upstream_model != sent.model)
            body = owned = plan.native ? codec_.withModel(sent, upstream_model) : spliceModel(sent.body, upstream_model);
    } else {
        body = owned = codec_.toChat(request, upstream_model);
    }

    const portico_call call = callFor(sent, plan);
    if (!sent.stream) {
        std::string response = provider.isLocal() ? callLocal(route, call, body, nullptr) : callUpstream(route, call, body);
        if (answersChat(call)) applyPostCallGuardrails(response, call);
        return respond(plan.native ? codec_.fromNative(std::move(response), request)
                                   : codec_.fromChat(std::move(response), request));
    }
    const std::unique_ptr<StreamEncoder> encoder = plan.native ? codec_.nativeStream(request) : codec_.chatStream(request);
    if (provider.isLocal()) callLocal(route, call, body, encoder.get());
    else streamUpstream(route, call, body, *encoder);
}

bool Pipeline::applyPreCallGuardrails(InboundRequest& chat, const portico_call& call) {
    bool rewritten = false;
    for (const auto& guardrail : runtime_->guardrails) {
        if (!guardrail->wants(PORTICO_HOOK_PRE_CALL)) continue;
        plugins::GuardrailDecision decision = guardrail->check(PORTICO_HOOK_PRE_CALL, call, chat.body);
        if (decision.verdict == PORTICO_BLOCK) {
            const std::string who = "guardrail '" + guardrail->name() + "'";
            std::string message = decision.reason.find("'" + guardrail->name() + "'") != std::string::npos
                                      ? decision.reason
                                      : "Request blocked by " + who + (decision.reason.empty() ? "" : ": " + decision.reason);
            throw GatewayError(400, "invalid_request_error", "guardrail_blocked", message);
        }
        if (decision.verdict == PORTICO_REWRITE) {
            chat = parseChatRequest(std::move(decision.rewritten));
            rewritten = true;
        }
    }
    return rewritten;
}

void Pipeline::applyPostCallGuardrails(std::string& response, const portico_call& call) {
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

bool Pipeline::hasPostCallGuardrails() const {
    for (const auto& guardrail : runtime_->guardrails)
        if (guardrail->wants(PORTICO_HOOK_POST_CALL)) return true;
    return false;
}

void Pipeline::streamToClient(const portico_call& call, StreamEncoder& encoder, const ChunkProducer& produce,
                              ClientStream::Delivery delivery) {
    const bool held = answersChat(call) && hasPostCallGuardrails();
    http::SseWriter writer(exchange_.response);
    // A held stream is replayed from memory: all of it is at hand, so it goes out in one send.
    ClientStream client(writer, encoder, record_ != nullptr, held ? ClientStream::Delivery::WhenUpstreamIdle : delivery);
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
            if (client.clientGone()) core::Log::debug("pipeline", exchange_.request_id + " client disconnected mid-stream");
            else client.finish();
        } catch (const GatewayError& error) {
            if (!client.started()) throw;
            // After an error event the stream ends without its closing events, as OpenAI's does.
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

std::vector<std::string> Pipeline::checkedStream(const portico_call& call, const ChunkProducer& produce,
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

std::string Pipeline::callLocal(const routing::Route& route, const portico_call& call, std::string_view body,
                                StreamEncoder* encoder) {
    if (record_) {
        // A local provider's "upstream" is the plugin itself: record what it was given and said.
        record_->sent_upstream = true;
        record_->provider_request_unix_ns = nowUnixNs();
        record_->provider_method = "INVOKE";
        record_->provider_url = route.provider->name() + ":" + route.deployment->upstream_model;
        record_->provider_body = body;
    }
    portico_usage usage{};
    if (!encoder) {
        std::string response;
        route.provider->invoke(call, body, &response, nullptr, usage);
        noteUpstreamResponse(200, response);
        if (record_) {
            record_->has_usage = true;
            record_->usage = usage;
        }
        return response;
    }
    streamToClient(
        call, *encoder,
        [&](RelayTarget& out) {
            route.provider->invoke(call, body, nullptr, &out, usage);
            noteUpstreamResponse(200, {});
        },
        ClientStream::Delivery::EachChunk);
    return {};
}

upstream::UpstreamRequest Pipeline::upstreamRequest(const routing::Route& route, const portico_call& call,
                                                    std::string_view body) {
    upstream::UpstreamRequest request = route.provider->buildRequest(call, body);
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

std::string Pipeline::callUpstream(const routing::Route& route, const portico_call& call, std::string_view body) {
    const upstream::UpstreamRequest request = upstreamRequest(route, call, body);
    upstream::UpstreamResponse response;
    try {
        response = gateway_.upstream().send(request);
    } catch (const upstream::UpstreamError& error) {
        throw upstreamFailure(route.provider->name(), error);
    }
    noteUpstreamResponse(response.status, response.body);
    portico_usage usage{};
    std::string answer = route.provider->parseResponse(call, response, usage);
    if (record_) {
        record_->has_usage = true;
        record_->usage = usage;
    }
    return answer;
}

void Pipeline::streamUpstream(const routing::Route& route, const portico_call& call, std::string_view body,
                              StreamEncoder& encoder) {
    const upstream::UpstreamRequest request = upstreamRequest(route, call, body);
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
        call, encoder,
        [&](RelayTarget& out) {
            pumpUpstreamStream(*upstream_stream, *provider_stream, split_events, route.provider->name(), out);
        },
        ClientStream::Delivery::WhenUpstreamIdle);
    // Destroying upstream_stream before the body ended closes that upstream connection.
}

void Pipeline::respond(std::string body) {
    exchange_.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    exchange_.response.setContentType("application/json");
    exchange_.response.sendBuffer(body.data(), body.size());
    if (record_) record_->response_body = std::move(body);
}

void Pipeline::noteUpstreamResponse(int status, const std::string& body) {
    if (!record_) return;
    record_->got_provider_response = true;
    record_->provider_response_unix_ns = nowUnixNs();
    record_->provider_status = status;
    record_->provider_response_body = body;
}

void Pipeline::finishRecord(int status, std::string body, const std::string& error) {
    if (!record_) return;
    record_->status = status;
    record_->end_unix_ns = nowUnixNs();
    record_->latency_ns = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - exchange_.started).count());
    if (!body.empty()) record_->response_body = std::move(body);
    if (record_->error_message.empty()) record_->error_message = error;
    gateway_.events().publish(std::move(record_));
}

}  // namespace portico::pipeline
