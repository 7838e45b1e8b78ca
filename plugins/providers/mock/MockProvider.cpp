#include "MockProvider.h"

#include <chrono>
#include <thread>

#include "CompletionJson.h"
#include "MockRequest.h"
#include "ReplySplitter.h"
#include "TokenEstimate.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::mock {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::view;

/// Blocking is allowed in invoke: the calling thread belongs to this request.
void pause(uint32_t ms) {
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

/// Sends one chunk. PORTICO_ERR_CLOSED (the client left) is returned for the caller to stop on;
/// any other refusal is a host problem worth a message.
portico_status emit(portico_chunk_sink& chunks, const std::string& chunk) {
    const portico_status status = chunks.emit(chunks.ctx, toStr(chunk));
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "mock: the host refused a stream chunk (status " + std::to_string(status) + ")");
    return status;
}

}  // namespace

uint64_t MockProvider::nowUnixSeconds() const {
    if (host_ && host_->api && PORTICO_HAS(portico_host_api, host_->api, now_unix_ns) && host_->api->now_unix_ns)
        return host_->api->now_unix_ns(host_->handle) / 1'000'000'000u;
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

portico_status MockProvider::invoke(const portico_call& call, std::string_view canonical_json,
                                    portico_writer* response_out, portico_chunk_sink* chunks,
                                    portico_usage* usage_out) const {
    if (call.operation != PORTICO_OP_CHAT)
        throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "mock: only chat completions are supported");
    const MockRequest request = MockRequest::fromCanonical(canonical_json);

    portico_usage usage{};
    usage.struct_size = sizeof usage;
    usage.prompt_tokens = estimateTokens(request.prompt_text_bytes);
    usage.completion_tokens = estimateTokens(settings_.reply.size());
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    if (usage_out) {
        usage_out->prompt_tokens = usage.prompt_tokens;
        usage_out->completion_tokens = usage.completion_tokens;
        usage_out->total_tokens = usage.total_tokens;
    }

    const CompletionJson json(view(call.request_id), view(call.model), nowUnixSeconds());
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0;
    if (streaming && chunks && chunks->emit) return streamCompletion(json, request, usage, *chunks);
    if (!streaming && response_out && response_out->write) return writeCompletion(json, usage, *response_out);
    throw PluginError(PORTICO_ERR_INTERNAL, 0,
                      streaming ? "mock: streaming call without a chunk sink" : "mock: call without a response writer");
}

portico_status MockProvider::writeCompletion(const CompletionJson& json, const portico_usage& usage,
                                             portico_writer& response_out) const {
    const std::string body = json.completion(settings_.reply, usage);
    pause(settings_.latency_ms);
    return response_out.write(response_out.ctx, toStr(body));
}

portico_status MockProvider::streamCompletion(const CompletionJson& json, const MockRequest& request,
                                              const portico_usage& usage, portico_chunk_sink& chunks) const {
    pause(settings_.latency_ms);
    if (emit(chunks, json.roleChunk()) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    for (const std::string_view piece : splitReply(settings_.reply, settings_.stream_chunks)) {
        pause(settings_.chunk_delay_ms);
        if (emit(chunks, json.contentChunk(piece)) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    }
    if (emit(chunks, json.finishChunk()) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    if (request.include_usage && emit(chunks, json.usageChunk(usage)) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    if (PORTICO_HAS(portico_chunk_sink, &chunks, usage) && chunks.usage) {
        const portico_status status = chunks.usage(chunks.ctx, &usage);
        if (status == PORTICO_ERR_CLOSED) return status;
    }
    return PORTICO_OK;
}

}  // namespace portico::mock
