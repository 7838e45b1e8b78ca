#include "OpenAiVtable.h"

#include "OpenAiStream.h"

namespace portico::openai {
namespace {

using plugin_common::fail;
using plugin_common::guarded;
using plugin_common::view;

void destroyProvider(void* instance) { delete static_cast<OpenAiProvider*>(instance); }

portico_status buildRequest(void* instance, const portico_call* call, portico_str canonical_json,
                            portico_upstream_request* out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "build_request without arguments");
        return static_cast<const OpenAiProvider*>(instance)->buildRequest(*call, view(canonical_json), *out);
    });
}

portico_status parseResponse(void* instance, const portico_call* /*call*/, int32_t http_status,
                             const portico_header* headers, size_t header_count, portico_str body,
                             portico_writer* canonical_out, portico_usage* usage_out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !canonical_out) return fail(err, PORTICO_ERR_INTERNAL, 0, "parse_response without arguments");
        return static_cast<const OpenAiProvider*>(instance)->parseResponse(http_status, headers, header_count,
                                                                           view(body), *canonical_out, usage_out);
    });
}

portico_status openStream(void* /*instance*/, const portico_call* call, void** out_stream, portico_error* err) {
    return guarded(err, [&] {
        if (!call || !out_stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_open without arguments");
        *out_stream = std::make_unique<OpenAiStream>(operationTraits(call->operation)).release();
        return PORTICO_OK;
    });
}

portico_status feedStream(void* stream, portico_str data, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_feed without stream or sink");
        return static_cast<OpenAiStream*>(stream)->feed(view(data), *sink);
    });
}

/// Every event arrives whole (PORTICO_PROVIDER_SSE_EVENTS), so nothing is buffered to flush; only
/// whether the stream was complete is left to say.
portico_status endStream(void* stream, portico_chunk_sink* /*sink*/, portico_error* err) {
    return guarded(err, [&] {
        if (!stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_end without stream");
        static_cast<const OpenAiStream*>(stream)->end();
        return PORTICO_OK;
    });
}

void closeStream(void* stream) { delete static_cast<OpenAiStream*>(stream); }

}  // namespace

portico_provider_vtable openAiFamilyVtable(decltype(portico_provider_vtable::create) create) {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = kOpenAiOperations;
    vtable.flags = PORTICO_PROVIDER_SSE_EVENTS;
    vtable.create = create;
    vtable.destroy = &destroyProvider;
    vtable.build_request = &buildRequest;
    vtable.parse_response = &parseResponse;
    vtable.stream_open = &openStream;
    vtable.stream_feed = &feedStream;
    vtable.stream_end = &endStream;
    vtable.stream_close = &closeStream;
    vtable.invoke = nullptr;  // translating provider: the host owns the connection
    return vtable;
}

}  // namespace portico::openai
