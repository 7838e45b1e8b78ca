#pragma once
#include <Poco/Net/Context.h>
#include <Poco/Net/Session.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>

#include "upstream/Connection.h"
#include "upstream/Endpoint.h"

namespace portico::upstream {

/// The idle keep-alive connections of one scheme://host:port.
///
/// Each endpoint has its own mutex, held only to move connections in and out of the list:
/// connecting, the liveness probe and closing sockets (a TLS close sends close_notify) all happen
/// outside it. Idle connections are reused newest first so the busy ones stay warm and the
/// surplus ages out after idle_timeout.
class EndpointPool {
public:
    EndpointPool(Endpoint endpoint, std::size_t max_idle, std::chrono::milliseconds idle_timeout,
                 Poco::Net::Context::Ptr tls_context);
    EndpointPool(const EndpointPool&) = delete;
    EndpointPool& operator=(const EndpointPool&) = delete;

    const Endpoint& endpoint() const { return endpoint_; }

    /// A pooled connection that is still open, or nullptr when there is none.
    std::unique_ptr<Connection> takeIdle();
    /// A new, not yet connected session configured for keep-alive. HTTPS sessions start from the
    /// endpoint's last TLS session so a TLS 1.2 upstream can resume instead of a full handshake.
    std::unique_ptr<Connection> create();
    /// Keeps a connection whose last response was read completely and may be reused. Drops the
    /// oldest idle connection when the endpoint already holds max_idle.
    void giveBack(std::unique_ptr<Connection> connection);

    std::size_t idleCount() const;

private:
    /// Whether the server closed (or wrote to) the idle socket; either way it cannot carry a request.
    static bool peerClosed(Connection& connection);
    /// Moves idle connections older than idle_timeout from the front of the list into expired.
    void collectExpired(Connection::Clock::time_point now, std::deque<std::unique_ptr<Connection>>& expired);

    const Endpoint endpoint_;
    const std::size_t max_idle_;
    const std::chrono::milliseconds idle_timeout_;
    const Poco::Net::Context::Ptr tls_context_;

    mutable std::mutex mutex_;
    std::deque<std::unique_ptr<Connection>> idle_;  ///< oldest at the front
    Poco::Net::Session::Ptr tls_session_;           ///< last negotiated TLS session, for resumption
};

}  // namespace portico::upstream
