#pragma once
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>

#include <atomic>
#include <cstddef>

#include "http/ClientConnection.h"
#include "http/ConnectionLimits.h"

namespace portico::http {

/// What a worker does with a connection the poller handed it: reads the request (head, body),
/// runs the handler, answers, keeps the connection in step for the next request, and serves the
/// next one at once if it is already here. Then the connection goes back to its poller.
class RequestCycle {
public:
    enum class Next { park, close };

    /// A body the handler left unread is skipped up to `limits.max_body_bytes`; beyond, the
    /// connection ends. While `draining`, responses say Connection: close and no further request is taken.
    RequestCycle(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                 const ConnectionLimits& limits, const std::atomic<bool>& draining);

    /// Serves the request whose head is among `connection`'s unread bytes. Never throws.
    Next serve(ClientConnection& connection);

private:
    bool nextRequestHere(const ClientConnection& connection) const;

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    const ConnectionLimits& limits_;
    const std::atomic<bool>& draining_;
};

}  // namespace portico::http
