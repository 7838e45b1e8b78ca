// The bedrock provider's ABI edge: the descriptor, the vtable and the entry point. Everything here
// only converts between the C ABI and BedrockProvider / ConverseStream; no exception gets past it.
#include <portico/plugin.h>

#include <ctime>
#include <memory>

#include "BedrockProvider.h"
#include "BedrockTarget.h"
#include "ConverseStream.h"
#include "common/AbiBarrier.h"
#include "common/PluginEntry.h"

namespace {

using portico::bedrock::BedrockProvider;
using portico::bedrock::ConverseStream;
using portico::plugin_common::fail;
using portico::plugin_common::guarded;
using portico::plugin_common::view;

portico_status createBedrock(const portico_host* /*host*/, portico_str config_json, void** out_instance, portico_error* err) {
    return guarded(err, [&] {
        if (!out_instance) return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: create without out_instance");
        auto settings = portico::bedrock::readSettings(view(config_json), portico::bedrock::processEnvironment());
        *out_instance = std::make_unique<BedrockProvider>(std::move(settings)).release();
        return PORTICO_OK;
    });
}

void destroyBedrock(void* instance) { delete static_cast<BedrockProvider*>(instance); }

portico_status buildRequest(void* instance, const portico_call* call, portico_str canonical_json,
                            portico_upstream_request* out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: build_request without arguments");
        return static_cast<const BedrockProvider*>(instance)->buildRequest(*call, view(canonical_json), *out);
    });
}

portico_status parseResponse(void* instance, const portico_call* call, int32_t http_status, const portico_header* headers,
                             size_t header_count, portico_str body, portico_writer* canonical_out,
                             portico_usage* usage_out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !canonical_out)
            return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: parse_response without arguments");
        return static_cast<const BedrockProvider*>(instance)->parseResponse(*call, http_status, headers, header_count,
                                                                            view(body), *canonical_out, usage_out);
    });
}

portico_status openStream(void* /*instance*/, const portico_call* call, void** out_stream, portico_error* err) {
    return guarded(err, [&] {
        if (!call || !out_stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: stream_open without arguments");
        *out_stream = std::make_unique<ConverseStream>(portico::bedrock::completionId(*call),
                                                       std::string(portico::bedrock::modelIdOf(view(call->model))),
                                                       static_cast<int64_t>(std::time(nullptr)))
                          .release();
        return PORTICO_OK;
    });
}

portico_status feedStream(void* stream, portico_str data, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: stream_feed without stream or sink");
        return static_cast<ConverseStream*>(stream)->feed(view(data), *sink);
    });
}

portico_status endStream(void* stream, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "bedrock: stream_end without stream or sink");
        static_cast<ConverseStream*>(stream)->end(*sink);
        return PORTICO_OK;
    });
}

void closeStream(void* stream) { delete static_cast<ConverseStream*>(stream); }

const portico_provider_vtable kBedrockVtable = [] {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = PORTICO_OP_CHAT;
    vtable.flags = 0;  // raw bytes: the event stream is binary, not SSE
    vtable.create = &createBedrock;
    vtable.destroy = &destroyBedrock;
    vtable.build_request = &buildRequest;
    vtable.parse_response = &parseResponse;
    vtable.stream_open = &openStream;
    vtable.stream_feed = &feedStream;
    vtable.stream_end = &endStream;
    vtable.stream_close = &closeStream;
    vtable.invoke = nullptr;  // translating provider: the host owns the connection
    vtable.native_formats = 0;
    return vtable;
}();

constexpr portico_plugin_descriptor kBedrockDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("bedrock"), PORTICO_STR("0.1.0"),
    PORTICO_STR("AWS Bedrock Runtime Converse (SigV4 or API key), OpenAI chat translated"), &kBedrockVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kBedrockDescriptor)
