#pragma once
#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "config/Config.h"
#include "http/ConnectionLimits.h"
#include "http/ConnectionPoller.h"
#include "http/RequestCycle.h"
#include "http/RouteTable.h"
#include "http/WorkerPool.h"

namespace portico::http {

/// The HTTP server: the listening socket, a poller thread that owns every connection while it is
/// idle or still sending its request, and the workers that serve complete requests (at most
/// server.max_threads at once). An idle connection costs memory for its state only, no thread.
class HttpServer {
public:
    HttpServer(const config::ServerSettings& settings, std::shared_ptr<const RouteTable> routes);
    /// Ends everything: connections still being served are aborted.
    ~HttpServer();

    void start();
    /// Stops accepting connections and starts draining: idle connections close, and each response
    /// from now on says Connection: close and ends its connection.
    void stopAccepting();
    /// Waits until no request is being served (or queued), up to `deadline`; true when none is.
    bool awaitIdle(std::chrono::steady_clock::time_point deadline);
    /// Fails the I/O of requests still being served, so their threads finish promptly.
    void abortRequests();

    /// The bound port (useful with port 0).
    int port() const { return socket_.address().port(); }
    std::string host() const { return socket_.address().host().toString(); }

private:
    Poco::Net::ServerSocket socket_;
    const ConnectionLimits limits_;
    std::atomic<bool> draining_{false};
    RequestCycle cycle_;
    WorkerPool workers_;
    ConnectionPoller poller_;
};

}  // namespace portico::http
