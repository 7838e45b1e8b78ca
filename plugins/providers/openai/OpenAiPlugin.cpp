// The openai provider's ABI edge: the descriptor, the vtable and the entry point. Everything here
// only converts between the C ABI and OpenAiProvider / OpenAiStream; no exception gets past it.
#include <portico/plugin.h>

#include "common/PluginEntry.h"

#include <memory>

#include "OpenAiProvider.h"
#include "OpenAiStream.h"
#include "common/AbiBarrier.h"

namespace {

using portico::openai::OpenAiProvider;
using portico::openai::OpenAiStream;
using portico::plugin_common::fail;
using portico::plugin_common::guarded;
using portico::plugin_common::view;

portico_status createOpenAi(const portico_host* /*host*/, portico_str config_json, void** out_instance,
                            portico_error* err) {
    return guarded(err, [&] {
        if (!out_instance) return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: create without out_instance");
        *out_instance = std::make_unique<OpenAiProvider>(view(config_json)).release();
        return PORTICO_OK;
    });
}

void destroyOpenAi(void* instance) { delete static_cast<OpenAiProvider*>(instance); }

portico_status buildRequest(void* instance, const portico_call* call, portico_str canonical_json,
                            portico_upstream_request* out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: build_request without arguments");
        return static_cast<const OpenAiProvider*>(instance)->buildRequest(*call, view(canonical_json), *out);
    });
}

portico_status parseResponse(void* instance, const portico_call* /*call*/, int32_t http_status,
                             const portico_header* /*headers*/, size_t /*header_count*/, portico_str body,
                             portico_writer* canonical_out, portico_usage* usage_out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !canonical_out)
            return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: parse_response without arguments");
        return static_cast<const OpenAiProvider*>(instance)->parseResponse(http_status, view(body), *canonical_out,
                                                                           usage_out);
    });
}

portico_status openStream(void* /*instance*/, const portico_call* /*call*/, void** out_stream, portico_error* err) {
    return guarded(err, [&] {
        if (!out_stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: stream_open without out_stream");
        *out_stream = std::make_unique<OpenAiStream>().release();
        return PORTICO_OK;
    });
}

portico_status feedStream(void* stream, portico_str data, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: stream_feed without stream or sink");
        return static_cast<OpenAiStream*>(stream)->feed(view(data), *sink);
    });
}

/// Every event arrives whole (PORTICO_PROVIDER_SSE_EVENTS), so nothing is buffered to flush; only
/// whether the stream was complete is left to say.
portico_status endStream(void* stream, portico_chunk_sink* /*sink*/, portico_error* err) {
    return guarded(err, [&] {
        if (!stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "openai: stream_end without stream");
        static_cast<const OpenAiStream*>(stream)->end();
        return PORTICO_OK;
    });
}

void closeStream(void* stream) { delete static_cast<OpenAiStream*>(stream); }

const portico_provider_vtable kOpenAiVtable = [] {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = PORTICO_OP_CHAT;
    vtable.flags = PORTICO_PROVIDER_SSE_EVENTS;
    vtable.create = &createOpenAi;
    vtable.destroy = &destroyOpenAi;
    vtable.build_request = &buildRequest;
    vtable.parse_response = &parseResponse;
    vtable.stream_open = &openStream;
    vtable.stream_feed = &feedStream;
    vtable.stream_end = &endStream;
    vtable.stream_close = &closeStream;
    vtable.invoke = nullptr;  // translating provider: the host owns the connection
    return vtable;
}();

constexpr portico_plugin_descriptor kOpenAiDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("openai"), PORTICO_STR("0.1.0"),
    PORTICO_STR("OpenAI and OpenAI-compatible chat completions (pass-through)"), &kOpenAiVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kOpenAiDescriptor)
