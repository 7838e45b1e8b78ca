#include "BedrockProvider.h"

#include <ctime>

#include "BedrockErrors.h"
#include "BedrockTarget.h"
#include "ChatToConverse.h"
#include "ConverseToChat.h"
#include "SigV4Signer.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::view;

constexpr std::string_view kSigningService = "bedrock";  // the host says bedrock-runtime; the scope says bedrock
constexpr std::string_view kJson = "application/json";

/// A builder refusal is the host's problem (out of memory, closed request); report it as such.
void check(portico_status status, std::string_view step) {
    if (status != PORTICO_OK)
        throw PluginError(status, 0, "bedrock: the host refused the upstream request's " + std::string(step));
}

void addHeader(portico_upstream_request& out, std::string_view name, std::string_view value) {
    check(out.add_header(out.ctx, toStr(name), toStr(value)), "headers");
}

}  // namespace

std::string completionId(const portico_call& call) { return "chatcmpl-" + std::string(view(call.request_id)); }

portico_status BedrockProvider::buildRequest(const portico_call& call, std::string_view canonical_json,
                                             portico_upstream_request& out) const {
    if (call.operation != PORTICO_OP_CHAT)
        throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "bedrock: only chat completions are supported");
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0;
    const BedrockTarget target = targetFor(view(call.api_base), settings_.endpoint, settings_.region,
                                           modelIdOf(view(call.model)), streaming ? "converse-stream" : "converse");
    const std::string body = chatToConverse(canonical_json);

    check(out.set_method(out.ctx, PORTICO_STR("POST")), "method");
    check(out.set_url(out.ctx, toStr(target.url)), "URL");
    addHeader(out, "Host", target.host);
    addHeader(out, "Content-Type", kJson);
    addHeader(out, "Accept", streaming ? "application/vnd.amazon.eventstream" : kJson);

    const std::string_view api_key = view(call.api_key);
    if (!api_key.empty() || (settings_.credentials.access_key_id.empty() && !settings_.bearer_token.empty())) {
        addHeader(out, "Authorization", "Bearer " + std::string(api_key.empty() ? settings_.bearer_token : api_key));
    } else if (!settings_.credentials.access_key_id.empty()) {
        const SignedRequest signed_request =
            signV4(settings_.credentials, {settings_.region, std::string(kSigningService)},
                   {"POST", target.path, "", {{"content-type", std::string(kJson)}, {"host", target.host}}, body}, clock_());
        for (const auto& [name, value] : signed_request.added_headers) addHeader(out, name, value);
    } else {
        throw PluginError(PORTICO_ERR_UPSTREAM, 401,
                          "bedrock: no credentials: set aws_access_key_id/aws_secret_access_key (or AWS_ACCESS_KEY_ID/"
                          "AWS_SECRET_ACCESS_KEY), or a Bedrock API key (api_key or AWS_BEARER_TOKEN_BEDROCK)",
                          PORTICO_ERROR_CLASS_AUTHENTICATION);
    }
    check(out.body.write(out.body.ctx, toStr(body)), "body");
    return PORTICO_OK;
}

portico_status BedrockProvider::parseResponse(const portico_call& call, int32_t http_status, const portico_header* headers,
                                              size_t header_count, std::string_view body, portico_writer& out,
                                              portico_usage* usage_out) const {
    if (http_status < 200 || http_status >= 300) throwUpstreamError(http_status, body, headers, header_count);
    const TranslatedReply reply =
        converseToChat(body, completionId(call), modelIdOf(view(call.model)), static_cast<int64_t>(std::time(nullptr)));
    if (usage_out && reply.usage.reported) {
        const portico_usage usage = reply.usage.toPortico();
        usage_out->prompt_tokens = usage.prompt_tokens;
        usage_out->completion_tokens = usage.completion_tokens;
        usage_out->total_tokens = usage.total_tokens;
        usage_out->cached_tokens = usage.cached_tokens;
        if (PORTICO_HAS(portico_usage, usage_out, cache_creation_tokens))
            usage_out->cache_creation_tokens = usage.cache_creation_tokens;
    }
    return out.write(out.ctx, toStr(reply.chat_completion));
}

}  // namespace portico::bedrock
