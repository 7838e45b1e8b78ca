#pragma once
#include <memory>

#include "upstream/Endpoint.h"
#include "upstream/EndpointPool.h"
#include "upstream/StreamingResponse.h"
#include "upstream/UpstreamPool.h"

namespace portico::upstream {

/// Sends one request on a pooled (or new) connection of `pool` and returns once the status line and
/// headers arrived. When a reused connection fails in a way that shows the upstream had closed it
/// while idle, the request goes out once more on a fresh connection: nobody answered it, so it
/// cannot have been processed twice. No lock is held while this talks to the network.
/// Throws UpstreamError.
std::unique_ptr<StreamingResponse> startExchange(const std::shared_ptr<EndpointPool>& pool, const Endpoint& endpoint,
                                                 const UpstreamRequest& request);

}  // namespace portico::upstream
