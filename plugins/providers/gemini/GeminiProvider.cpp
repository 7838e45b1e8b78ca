#include "GeminiProvider.h"

#include <simdjson.h>

#include "GeminiChatRequest.h"
#include "GeminiEmbeddings.h"
#include "GeminiError.h"
#include "GeminiReply.h"
#include "GeminiUrl.h"
#include "OpenAiShapes.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::view;

/// A builder refusal is the host's problem (out of memory, closed request); report it as such.
void check(portico_status status, std::string_view step) {
    if (status != PORTICO_OK)
        throw PluginError(status, 0, "gemini: the host refused the upstream request's " + std::string(step));
}

void send(const portico_call& call, const std::string& url, std::string_view body, portico_upstream_request& out) {
    check(out.set_method(out.ctx, PORTICO_STR("POST")), "method");
    check(out.set_url(out.ctx, toStr(url)), "URL");
    check(out.add_header(out.ctx, PORTICO_STR("Content-Type"), PORTICO_STR("application/json")), "headers");
    if (call.api_key.len > 0) check(out.add_header(out.ctx, PORTICO_STR("x-goog-api-key"), call.api_key), "headers");
    check(out.body.write(out.body.ctx, toStr(body)), "body");
}

void copyUsage(const GeminiReply& reply, portico_usage* usage_out) {
    if (!reply.has_usage || !usage_out) return;
    usage_out->prompt_tokens = reply.usage.prompt_tokens;
    usage_out->completion_tokens = reply.usage.completion_tokens;
    usage_out->total_tokens = reply.usage.total_tokens;
    usage_out->cached_tokens = reply.usage.cached_tokens;
    usage_out->reasoning_tokens = reply.usage.reasoning_tokens;
}

}  // namespace

bool isNative(const portico_call& call) {
    return PORTICO_HAS(portico_call, &call, body_format) && call.body_format == PORTICO_FORMAT_GEMINI;
}

portico_status GeminiProvider::buildRequest(const portico_call& call, std::string_view canonical_json,
                                            portico_upstream_request& out) const {
    const std::string_view model = view(call.model);
    if (call.operation == PORTICO_OP_EMBEDDINGS) {
        const GeminiEmbeddingRequest request = translateEmbeddingRequest(canonical_json, model);
        send(call, methodUrl(view(call.api_base), model, request.method, false), request.body, out);
        return PORTICO_OK;
    }
    if (call.operation != PORTICO_OP_CHAT)
        throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "gemini: only chat completions and embeddings are supported");
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0;
    const std::string url =
        methodUrl(view(call.api_base), model, streaming ? "streamGenerateContent" : "generateContent", streaming);
    if (isNative(call)) {
        send(call, url, canonical_json, out);
    } else {
        send(call, url, translateChatRequest(canonical_json), out);
    }
    return PORTICO_OK;
}

portico_status GeminiProvider::parseResponse(const portico_call& call, int32_t http_status, const portico_header* headers,
                                             size_t header_count, std::string_view body, portico_writer& out,
                                             portico_usage* usage_out) const {
    if (http_status < 200 || http_status >= 300) throwUpstreamError(http_status, body, headers, header_count);
    const std::string_view model = view(call.model);
    if (call.operation == PORTICO_OP_EMBEDDINGS) return out.write(out.ctx, toStr(translateEmbeddingResponse(body, model)));

    simdjson::dom::parser parser;
    GeminiReply reply;
    try {
        reply = GeminiReply::parse(parser, body);
    } catch (const simdjson::simdjson_error&) {
        throw PluginError(PORTICO_ERR_UPSTREAM, 502,
                          "gemini returned HTTP " + std::to_string(http_status) + " with a body that is not a JSON object");
    }
    if (reply.error) throwStreamError(*reply.error);
    copyUsage(reply, usage_out);
    if (isNative(call)) return out.write(out.ctx, toStr(body));
    return out.write(out.ctx, toStr(chatCompletion(reply, model)));
}

}  // namespace portico::gemini
