#pragma once
#include <string>

#include "plugins/ProviderInstance.h"
#include "pipeline/RelayTarget.h"
#include "upstream/UpstreamPool.h"

namespace portico::pipeline {

/// Moves one 2xx upstream stream body through the provider's stream translator into a chunk
/// consumer (the client, or a HeldStream when post-call guardrails must see the whole response).
/// Returns true when the body ended and the provider accepted its end, false when the consumer
/// stopped taking chunks. Throws core::GatewayError; upstream failures come out translated
/// (502/504), so callers handle one kind of error. `out` learns each chunk's upstream event (so it
/// can relay the event's bytes as they came) and is told to deliver before a read that may wait.
bool pumpUpstreamStream(upstream::UpstreamStream& upstream, plugins::ProviderStream& provider, bool split_events,
                        const std::string& provider_name, RelayTarget& out);

}  // namespace portico::pipeline
