#include "OpenAiProvider.h"

#include <simdjson.h>

#include "OpenAiPayload.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"
#include "common/UpstreamError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::upstreamError;

/// A builder refusal is the host's problem (out of memory, closed request); report it as such.
void check(portico_status status, std::string_view step) {
    if (status != PORTICO_OK)
        throw PluginError(status, 0, "openai: the host refused the upstream request's " + std::string(step));
}

void copyUsage(const portico_usage& from, portico_usage& to) {
    to.prompt_tokens = from.prompt_tokens;
    to.completion_tokens = from.completion_tokens;
    to.total_tokens = from.total_tokens;
    to.cached_tokens = from.cached_tokens;
    to.reasoning_tokens = from.reasoning_tokens;
}

}  // namespace

OpenAiProvider::OpenAiProvider(std::unique_ptr<const UpstreamTarget> target) : target_(std::move(target)) {}

portico_status OpenAiProvider::buildRequest(const portico_call& call, std::string_view canonical_json,
                                            portico_upstream_request& out) const {
    const OperationTraits& operation = operationTraits(call.operation);
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0 && call.operation != PORTICO_OP_EMBEDDINGS;
    check(out.set_method(out.ctx, PORTICO_STR("POST")), "method");
    check(out.set_url(out.ctx, toStr(target_->url(call, operation))), "URL");
    check(out.add_header(out.ctx, PORTICO_STR("Content-Type"), PORTICO_STR("application/json")), "headers");
    const portico_str accept = streaming ? portico_str PORTICO_STR("text/event-stream")
                                         : portico_str PORTICO_STR("application/json");
    check(out.add_header(out.ctx, PORTICO_STR("Accept"), accept), "headers");
    for (const UpstreamTarget::Header& header : target_->headers(call))
        check(out.add_header(out.ctx, toStr(header.name), toStr(header.value)), "headers");
    // Zero-copy pass-through: the host already set "model", so the body goes out as it came in.
    check(out.body.write(out.body.ctx, toStr(canonical_json)), "body");
    return PORTICO_OK;
}

portico_status OpenAiProvider::parseResponse(int32_t http_status, const portico_header* headers, size_t header_count,
                                             std::string_view body, portico_writer& canonical_out,
                                             portico_usage* usage_out) const {
    const bool success = http_status >= 200 && http_status < 300;
    simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(body);
    if (!success) {
        UpstreamErrorInfo error{"upstream returned HTTP " + std::to_string(http_status), ""};
        try {
            if (auto payload = OpenAiPayload::inspect(parser, padded); payload.error) error = *payload.error;
        } catch (const simdjson::simdjson_error&) {
            // Not an OpenAI error object (an HTML error page, say): the status line says enough.
        }
        throw upstreamError(http_status, error.message, error.code, headers, header_count);
    }
    OpenAiPayload payload;
    try {
        payload = OpenAiPayload::inspect(parser, padded);
    } catch (const simdjson::simdjson_error&) {
        throw upstreamError(502, "upstream returned HTTP " + std::to_string(http_status) + " with a body that is not a JSON object",
                            {}, headers, header_count);
    }
    if (payload.has_usage && usage_out) copyUsage(payload.usage, *usage_out);
    return canonical_out.write(canonical_out.ctx, toStr(body));
}

}  // namespace portico::openai
