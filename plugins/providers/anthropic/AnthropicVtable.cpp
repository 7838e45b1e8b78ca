#include "AnthropicVtable.h"

#include <ctime>
#include <memory>
#include <variant>

#include "AnthropicProvider.h"
#include "AnthropicStream.h"
#include "NativeEventRelay.h"
#include "common/AbiBarrier.h"

namespace portico::anthropic {
namespace {

using plugin_common::fail;
using plugin_common::guarded;
using plugin_common::view;

/// A stream of either kind, chosen at stream_open by the call's body format.
using Stream = std::variant<AnthropicStream, NativeEventRelay>;

portico_status create(const portico_host* /*host*/, portico_str /*config_json*/, void** out_instance,
                      portico_error* err) {
    return guarded(err, [&] {
        if (!out_instance) return fail(err, PORTICO_ERR_INTERNAL, 0, "create without out_instance");
        *out_instance = std::make_unique<AnthropicProvider>().release();
        return PORTICO_OK;
    });
}

void destroy(void* instance) { delete static_cast<AnthropicProvider*>(instance); }

portico_status buildRequest(void* instance, const portico_call* call, portico_str body, portico_upstream_request* out,
                            portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "build_request without arguments");
        return static_cast<const AnthropicProvider*>(instance)->buildRequest(*call, view(body), *out);
    });
}

portico_status parseResponse(void* instance, const portico_call* call, int32_t http_status,
                             const portico_header* headers, size_t header_count, portico_str body,
                             portico_writer* out, portico_usage* usage_out, portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call || !out) return fail(err, PORTICO_ERR_INTERNAL, 0, "parse_response without arguments");
        return static_cast<const AnthropicProvider*>(instance)->parseResponse(*call, http_status, headers, header_count,
                                                                              view(body), *out, usage_out);
    });
}

portico_status openStream(void* /*instance*/, const portico_call* call, void** out_stream, portico_error* err) {
    return guarded(err, [&] {
        if (!call || !out_stream) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_open without arguments");
        auto stream = isNative(*call) ? std::make_unique<Stream>(std::in_place_type<NativeEventRelay>)
                                      : std::make_unique<Stream>(std::in_place_type<AnthropicStream>,
                                                                 static_cast<int64_t>(std::time(nullptr)));
        *out_stream = stream.release();
        return PORTICO_OK;
    });
}

portico_status feedStream(void* stream, portico_str data, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_feed without stream or sink");
        return std::visit([&](auto& s) { return s.feed(view(data), *sink); }, *static_cast<Stream*>(stream));
    });
}

/// Every event arrived whole (PORTICO_PROVIDER_SSE_EVENTS): only whether the stream was complete
/// is left to say.
portico_status endStream(void* stream, portico_chunk_sink* sink, portico_error* err) {
    return guarded(err, [&] {
        if (!stream || !sink) return fail(err, PORTICO_ERR_INTERNAL, 0, "stream_end without stream or sink");
        std::visit([&](auto& s) { s.end(*sink); }, *static_cast<Stream*>(stream));
        return PORTICO_OK;
    });
}

void closeStream(void* stream) { delete static_cast<Stream*>(stream); }

portico_provider_vtable makeVtable() {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = PORTICO_OP_CHAT | PORTICO_OP_COUNT_TOKENS;
    vtable.flags = PORTICO_PROVIDER_SSE_EVENTS;
    vtable.create = &create;
    vtable.destroy = &destroy;
    vtable.build_request = &buildRequest;
    vtable.parse_response = &parseResponse;
    vtable.stream_open = &openStream;
    vtable.stream_feed = &feedStream;
    vtable.stream_end = &endStream;
    vtable.stream_close = &closeStream;
    vtable.invoke = nullptr;  // translating provider: the host owns the connection
    vtable.native_formats = PORTICO_FORMAT_MASK(PORTICO_FORMAT_ANTHROPIC);
    return vtable;
}

}  // namespace

const portico_provider_vtable& anthropicVtable() {
    static const portico_provider_vtable vtable = makeVtable();
    return vtable;
}

}  // namespace portico::anthropic
