#pragma once
#include <chrono>
#include <string>

#include "upstream/Endpoint.h"
#include "upstream/ExchangePhase.h"
#include "upstream/UpstreamPool.h"

namespace Poco {
class Exception;
}

namespace portico::upstream {

/// Turns a Poco failure into the UpstreamError callers act on. Messages name the endpoint by
/// scheme://host:port only: never the path, query or headers, which may hold credentials.
UpstreamError translateFailure(const Poco::Exception& failure, ExchangePhase phase, const Endpoint& endpoint,
                               std::chrono::milliseconds timeout);

/// True for the failures a kept-alive connection shows when the upstream closed it while it sat
/// idle: the request can be sent again on a fresh connection because nobody answered it.
bool looksLikeStaleConnection(const Poco::Exception& failure);

}  // namespace portico::upstream
