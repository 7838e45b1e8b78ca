#pragma once
#include <portico/plugin.h>

namespace portico::anthropic {

/// The anthropic provider's ABI edge: every slot converts between the C ABI and
/// AnthropicProvider / the stream classes behind plugin_common::guarded, so no exception gets
/// past it. Chat and count_tokens; Anthropic-format bodies accepted natively; SSE split by the host.
const portico_provider_vtable& anthropicVtable();

}  // namespace portico::anthropic
