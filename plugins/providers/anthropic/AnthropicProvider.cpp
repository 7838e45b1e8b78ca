#include "AnthropicProvider.h"

#include <ctime>
#include <string>

#include "AnthropicError.h"
#include "AnthropicTarget.h"
#include "ChatToMessages.h"
#include "MessageToChat.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::anthropic {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;

/// A builder refusal is the host's problem (out of memory, closed request); report it as such.
void check(portico_status status, std::string_view step) {
    if (status != PORTICO_OK)
        throw PluginError(status, 0, "anthropic: the host refused the upstream request's " + std::string(step));
}

bool passesThrough(const portico_call& call) { return isNative(call) || call.operation == PORTICO_OP_COUNT_TOKENS; }

}  // namespace

bool isNative(const portico_call& call) {
    return PORTICO_HAS(portico_call, &call, body_format) && call.body_format == PORTICO_FORMAT_ANTHROPIC;
}

portico_status AnthropicProvider::buildRequest(const portico_call& call, std::string_view body,
                                               portico_upstream_request& out) const {
    const std::string url = target::url(call);
    // Translate first: a request that cannot be translated must not half-fill the builder.
    const std::string translated =
        passesThrough(call) ? std::string() : chatToMessages(body, (call.flags & PORTICO_CALL_STREAM) != 0);
    check(out.set_method(out.ctx, PORTICO_STR("POST")), "method");
    check(out.set_url(out.ctx, toStr(url)), "URL");
    for (const auto& [name, value] : target::headers(call))
        check(out.add_header(out.ctx, toStr(name), toStr(value)), "headers");
    check(out.body.write(out.body.ctx, toStr(passesThrough(call) ? body : std::string_view(translated))), "body");
    return PORTICO_OK;
}

portico_status AnthropicProvider::parseResponse(const portico_call& call, int32_t http_status,
                                                const portico_header* headers, size_t header_count,
                                                std::string_view body, portico_writer& out,
                                                portico_usage* usage_out) const {
    if (http_status < 200 || http_status >= 300) throw responseError(http_status, body, headers, header_count);
    if (call.operation == PORTICO_OP_COUNT_TOKENS) return out.write(out.ctx, toStr(body));  // nothing was spent
    if (isNative(call)) {
        if (usage_out) usageOfNativeBody(body).copyTo(*usage_out);
        return out.write(out.ctx, toStr(body));
    }
    const TranslatedMessage message = messageToChat(body, static_cast<int64_t>(std::time(nullptr)));
    if (usage_out) message.usage.copyTo(*usage_out);
    return out.write(out.ctx, toStr(message.chat_completion));
}

}  // namespace portico::anthropic
