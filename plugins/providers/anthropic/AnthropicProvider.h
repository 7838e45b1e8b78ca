#pragma once
#include <portico/plugin.h>

#include <string_view>

namespace portico::anthropic {

/// True when the call's body is already an Anthropic Messages request (an Anthropic-format
/// client; the host only edited "model") and the answer must be Anthropic's too.
bool isNative(const portico_call& call);

/// One deployment of Anthropic's Messages API. It has no settings of its own (the URL and key
/// come with each call), so it is stateless and concurrent calls need no locking.
class AnthropicProvider {
public:
    /// POST /v1/messages (or /v1/messages/count_tokens) with Anthropic's headers; the body
    /// translated from the canonical request, or unchanged when native or counting tokens.
    /// Throws PluginError: UNSUPPORTED for other operations, INVALID / UNSUPPORTED (400) for a
    /// canonical request that cannot be translated (see chatToMessages).
    portico_status buildRequest(const portico_call& call, std::string_view body, portico_upstream_request& out) const;

    /// 2xx: a chat.completion (canonical) or the body unchanged (native, count_tokens), with its
    /// usage. Otherwise: anthropic::responseError (status, message, type, Retry-After).
    portico_status parseResponse(const portico_call& call, int32_t http_status, const portico_header* headers,
                                 size_t header_count, std::string_view body, portico_writer& out,
                                 portico_usage* usage_out) const;
};

}  // namespace portico::anthropic
