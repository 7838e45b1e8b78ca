// The anthropic provider's entry: Anthropic's Messages API (api.anthropic.com or any api_base
// that speaks it). Everything but the descriptor lives in the core (AnthropicVtable).
#include <portico/plugin.h>

#include "AnthropicVtable.h"
#include "common/PluginEntry.h"

namespace {

const portico_plugin_descriptor kAnthropicDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("anthropic"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Anthropic Messages API: chat translated from OpenAI, Anthropic bodies and count_tokens passed through"),
    &portico::anthropic::anthropicVtable());

}  // namespace

PORTICO_PLUGIN_ENTRY(kAnthropicDescriptor)
