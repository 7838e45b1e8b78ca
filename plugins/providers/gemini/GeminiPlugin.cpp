// The gemini provider's ABI edge: the descriptor, the vtable and the entry point. Everything here
// only converts between the C ABI and GeminiProvider / GeminiStream; no exception gets past it.
#include <portico/plugin.h>

#include <memory>

#include "GeminiProvider.h"
#include "GeminiStream.h"
#include "common/AbiBarrier.h"
#include "common/PluginEntry.h"

namespace {

using portico::gemini::GeminiProvider;
using portico::gemini::GeminiStream;
using portico::plugin_common::fail;
using portico::plugin_common::guarded;
using portico::plugin_common::view;

portico_status createGemini(const portico_host* /*host*/, portico_str /*config_json*/, void** out_instance,
                            portico_error* err) {
    return guarded(err, [&] {
        if (!out_instance) return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: create without out_instance");
        *out_instance = std::make_unique<GeminiProvider>().release();
        return PORTICO_OK;
    });
}

void destroyGemini(void* instance) { delete static_cast<GeminiProvider*>(instance); }

portico_status buildRequest(void* instance, const portico_call* call, portico_str canonical_json,
                            portico_upstream_request* out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: build_request without arguments");
        return static_cast<const GeminiProvider*>(instance)->buildRequest(*call, view(canonical_json), *out);
    });
}

portico_status parseResponse(void* instance, const portico_call* call, int32_t http_status, const portico_header* headers,
                             size_t header_count, portico_str body, portico_writer* canonical_out,
                             portico_usage* usage_out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !canonical_out)
            return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: parse_response without arguments");
        return static_cast<const GeminiProvider*>(instance)->parseResponse(*call, http_status, headers, header_count,
                                                                           view(body), *canonical_out, usage_out);
    });
}

portico_status openStream(void* /*instance*/, const portico_call* call, void** out_stream, portico_error* err) {
    return guarded(err, [&] {
        if (!call || !out_stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: stream_open without arguments");
        *out_stream = std::make_unique<GeminiStream>(portico::gemini::isNative(*call), std::string(view(call->model))).release();
        return PORTICO_OK;
    });
}

portico_status feedStream(void* stream, portico_str data, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: stream_feed without stream or sink");
        return static_cast<GeminiStream*>(stream)->feed(view(data), *sink);
    });
}

/// Every event arrives whole (PORTICO_PROVIDER_SSE_EVENTS), so nothing is buffered to flush; only
/// whether the stream was complete is left to say.
portico_status endStream(void* stream, portico_chunk_sink* /*sink*/, portico_error* err) {
    return guarded(err, [&] {
        if (!stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "gemini: stream_end without stream");
        static_cast<const GeminiStream*>(stream)->end();
        return PORTICO_OK;
    });
}

void closeStream(void* stream) { delete static_cast<GeminiStream*>(stream); }

const portico_provider_vtable kGeminiVtable = [] {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = PORTICO_OP_CHAT | PORTICO_OP_EMBEDDINGS;
    vtable.flags = PORTICO_PROVIDER_SSE_EVENTS;
    vtable.create = &createGemini;
    vtable.destroy = &destroyGemini;
    vtable.build_request = &buildRequest;
    vtable.parse_response = &parseResponse;
    vtable.stream_open = &openStream;
    vtable.stream_feed = &feedStream;
    vtable.stream_end = &endStream;
    vtable.stream_close = &closeStream;
    vtable.invoke = nullptr;  // translating provider: the host owns the connection
    vtable.native_formats = PORTICO_FORMAT_MASK(PORTICO_FORMAT_GEMINI);
    return vtable;
}();

constexpr portico_plugin_descriptor kGeminiDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("gemini"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Google AI Studio Gemini (generateContent, embeddings), OpenAI chat translated"), &kGeminiVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kGeminiDescriptor)
