// The C edge of the blocked_words guardrail: the descriptor, the vtable, and the translation of
// findings and exceptions into verdicts, statuses and portico_error (nothing unwinds into the
// host; any failure is a non-OK status, which the host treats as a block).

#include "BlockedWordsConfig.h"
#include "BlockedWordsGuardrail.h"

#include <portico/plugin.h>

#include "common/PluginEntry.h"

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace portico::guardrails::blocked_words {
namespace {

/// Shown to the client. It names neither the term nor the list: either would teach a caller
/// how to reword around the policy.
constexpr std::string_view kBlockedMessage =
    "Request blocked by guardrail 'blocked_words': content matches a blocked term";

portico_status fail(portico_error* err, portico_status status, int32_t http_status, std::string_view message) {
    return portico_error_set(err, status, http_status, message.data(), message.size());
}

portico_status create(const portico_host* /*host*/, portico_str config_json, void** out_instance, portico_error* err) {
    try {
        std::string error;
        const std::string_view json =
            config_json.len ? std::string_view(config_json.ptr, config_json.len) : std::string_view();
        std::optional<BlockedWordsConfig> config = BlockedWordsConfig::parse(json, error);
        if (!config) return fail(err, PORTICO_ERR_INVALID, 0, error);
        *out_instance = new BlockedWordsGuardrail(*config);
        return PORTICO_OK;
    } catch (const std::exception& e) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, std::string("blocked_words: create failed: ") + e.what());
    } catch (...) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, "blocked_words: create failed");
    }
}

void destroy(void* instance) { delete static_cast<BlockedWordsGuardrail*>(instance); }

portico_status check(void* instance, uint32_t hook, const portico_call* /*call*/, portico_str payload_json,
                     portico_verdict* verdict, portico_writer* /*rewrite_out*/, portico_error* err) {
    try {
        *verdict = PORTICO_ALLOW;
        if ((hook & PORTICO_HOOK_PRE_CALL) == 0) return PORTICO_OK;  // only requests are inspected
        const std::string_view json =
            payload_json.len ? std::string_view(payload_json.ptr, payload_json.len) : std::string_view();
        switch (static_cast<const BlockedWordsGuardrail*>(instance)->inspect(json)) {
            case Finding::Clean:
                return PORTICO_OK;
            case Finding::Blocked:
                *verdict = PORTICO_BLOCK;
                fail(err, PORTICO_OK, 400, kBlockedMessage);
                return PORTICO_OK;
            case Finding::Malformed:
                return fail(err, PORTICO_ERR_INVALID, 400, "blocked_words: request is not a valid JSON object");
        }
        return fail(err, PORTICO_ERR_INTERNAL, 0, "blocked_words: unknown finding");
    } catch (const std::exception& e) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, std::string("blocked_words: check failed: ") + e.what());
    } catch (...) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, "blocked_words: check failed");
    }
}

const portico_guardrail_vtable kVtable = {
    .struct_size = sizeof(portico_guardrail_vtable),
    .hooks = PORTICO_HOOK_PRE_CALL,
    .create = &create,
    .destroy = &destroy,
    .check = &check,
};

constexpr portico_plugin_descriptor kDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_GUARDRAIL, PORTICO_STR("blocked_words"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Blocks requests whose message text contains a configured word or phrase"), &kVtable);

}  // namespace
}  // namespace portico::guardrails::blocked_words

PORTICO_PLUGIN_ENTRY(portico::guardrails::blocked_words::kDescriptor)
