#include "AnthropicTarget.h"

#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::anthropic::target {

using plugin_common::PluginError;
using plugin_common::view;

std::string url(const portico_call& call) {
    std::string_view path;
    if (call.operation == PORTICO_OP_CHAT) path = "/v1/messages";
    else if (call.operation == PORTICO_OP_COUNT_TOKENS) path = "/v1/messages/count_tokens";
    else throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "anthropic: the Messages API has no such operation");
    std::string_view base = view(call.api_base);
    if (base.empty()) base = kDefaultApiBase;
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    if (base.ends_with("/v1")) base.remove_suffix(3);
    std::string joined;
    joined.reserve(base.size() + path.size());
    return joined.append(base).append(path);
}

std::string_view clientHeader(const portico_call& call, std::string_view name) {
    if (!PORTICO_HAS(portico_call, &call, client_header_count) || !call.client_headers) return {};
    for (size_t i = 0; i < call.client_header_count; ++i)
        if (view(call.client_headers[i].name) == name) return view(call.client_headers[i].value);
    return {};
}

Headers headers(const portico_call& call) {
    Headers out;
    if (call.api_key.len) out.emplace_back("x-api-key", std::string(view(call.api_key)));
    const std::string_view version = clientHeader(call, "anthropic-version");
    out.emplace_back("anthropic-version", std::string(version.empty() ? kDefaultVersion : version));
    if (const std::string_view beta = clientHeader(call, "anthropic-beta"); !beta.empty())
        out.emplace_back("anthropic-beta", std::string(beta));
    out.emplace_back("content-type", "application/json");
    const bool streaming = (call.flags & PORTICO_CALL_STREAM) != 0 && call.operation == PORTICO_OP_CHAT;
    out.emplace_back("accept", streaming ? "text/event-stream" : "application/json");
    return out;
}

}  // namespace portico::anthropic::target
