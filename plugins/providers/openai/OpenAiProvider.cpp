#include "OpenAiProvider.h"

#include <simdjson.h>

#include "OpenAiPayload.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::view;

constexpr std::string_view kDefaultApiBase = "https://api.openai.com/v1";

/// A builder refusal is the host's problem (out of memory, closed request); report it as such.
void check(portico_status status, std::string_view step) {
    if (status != PORTICO_OK)
        throw PluginError(status, 0, "openai: the host refused the upstream request's " + std::string(step));
}

std::string chatCompletionsUrl(std::string_view api_base) {
    std::string_view base = api_base.empty() ? kDefaultApiBase : api_base;
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    return std::string(base) + "/chat/completions";
}

std::string readOrganization(std::string_view config_json) {
    if (config_json.empty()) return {};
    try {
        simdjson::ondemand::parser parser;
        const simdjson::padded_string padded(config_json);
        simdjson::ondemand::document doc = parser.iterate(padded);
        std::string organization;
        for (auto field : doc.get_object()) {
            if (std::string_view(field.unescaped_key()) != "organization") continue;
            simdjson::ondemand::value value = field.value();
            if (value.type() == simdjson::ondemand::json_type::null) continue;
            if (value.type() != simdjson::ondemand::json_type::string)
                throw PluginError(PORTICO_ERR_INVALID, 0, "openai: organization must be a string");
            organization = std::string(std::string_view(value.get_string()));
        }
        return organization;
    } catch (const simdjson::simdjson_error& e) {
        throw PluginError(PORTICO_ERR_INVALID, 0, std::string("openai: config is not a JSON object: ") + e.what());
    }
}

}  // namespace

OpenAiProvider::OpenAiProvider(std::string_view config_json) : organization_(readOrganization(config_json)) {}

portico_status OpenAiProvider::buildRequest(const portico_call& call, std::string_view canonical_json,
                                            portico_upstream_request& out) const {
    if (call.operation != PORTICO_OP_CHAT)
        throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "openai: only chat completions are supported");
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0;
    check(out.set_method(out.ctx, PORTICO_STR("POST")), "method");
    check(out.set_url(out.ctx, toStr(chatCompletionsUrl(view(call.api_base)))), "URL");
    check(out.add_header(out.ctx, PORTICO_STR("Content-Type"), PORTICO_STR("application/json")), "headers");
    const portico_str accept = streaming ? portico_str PORTICO_STR("text/event-stream")
                                         : portico_str PORTICO_STR("application/json");
    check(out.add_header(out.ctx, PORTICO_STR("Accept"), accept), "headers");
    if (call.api_key.len > 0) {
        const std::string authorization = "Bearer " + std::string(view(call.api_key));
        check(out.add_header(out.ctx, PORTICO_STR("Authorization"), toStr(authorization)), "headers");
    }
    if (!organization_.empty())
        check(out.add_header(out.ctx, PORTICO_STR("OpenAI-Organization"), toStr(organization_)), "headers");
    // Zero-copy pass-through: the host already set "model", so the body goes out as it came in.
    check(out.body.write(out.body.ctx, toStr(canonical_json)), "body");
    return PORTICO_OK;
}

portico_status OpenAiProvider::parseResponse(int32_t http_status, std::string_view body, portico_writer& canonical_out,
                                             portico_usage* usage_out) const {
    const bool success = http_status >= 200 && http_status < 300;
    simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(body);
    if (!success) {
        std::string message = "upstream returned HTTP " + std::to_string(http_status);
        try {
            if (auto payload = OpenAiPayload::inspect(parser, padded); payload.error_message) message = *payload.error_message;
        } catch (const simdjson::simdjson_error&) {
            // Not an OpenAI error object (an HTML error page, say): the status line says enough.
        }
        throw PluginError(PORTICO_ERR_UPSTREAM, http_status, message);
    }
    OpenAiPayload payload;
    try {
        payload = OpenAiPayload::inspect(parser, padded);
    } catch (const simdjson::simdjson_error&) {
        throw PluginError(PORTICO_ERR_UPSTREAM, 502,
                          "upstream returned HTTP " + std::to_string(http_status) + " with a body that is not a JSON object");
    }
    if (payload.has_usage && usage_out) {
        usage_out->prompt_tokens = payload.usage.prompt_tokens;
        usage_out->completion_tokens = payload.usage.completion_tokens;
        usage_out->total_tokens = payload.usage.total_tokens;
        usage_out->cached_tokens = payload.usage.cached_tokens;
        usage_out->reasoning_tokens = payload.usage.reasoning_tokens;
    }
    return canonical_out.write(canonical_out.ctx, toStr(body));
}

}  // namespace portico::openai
