#include "upstream/EndpointPool.h"

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Timespan.h>

#include <poll.h>

#include <utility>

namespace portico::upstream {
namespace {

Poco::Timespan toTimespan(std::chrono::microseconds duration) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()));
}

}  // namespace

EndpointPool::EndpointPool(Endpoint endpoint, std::size_t max_idle, std::chrono::milliseconds idle_timeout,
                           Poco::Net::Context::Ptr tls_context)
    : endpoint_(std::move(endpoint)),
      max_idle_(max_idle),
      idle_timeout_(idle_timeout),
      tls_context_(std::move(tls_context)) {}

std::unique_ptr<Connection> EndpointPool::takeIdle() {
    for (;;) {
        std::unique_ptr<Connection> candidate;
        std::deque<std::unique_ptr<Connection>> expired;  // destroyed (sockets closed) after the lock is released
        {
            std::lock_guard lock(mutex_);
            collectExpired(Connection::Clock::now(), expired);
            if (idle_.empty()) return nullptr;
            candidate = std::move(idle_.back());
            idle_.pop_back();
        }
        if (peerClosed(*candidate)) continue;
        // Poco reconnects silently once keepAliveTimeout has passed since the last request was
        // *sent*, so a connection that carried a long stream would be dropped at its next use.
        // Counting the busy time in keeps the limit measured from when the connection went idle,
        // which is what the pool has already checked.
        const auto busy = candidate->idle_since - candidate->last_sent;
        candidate->session->setKeepAliveTimeout(
            toTimespan(idle_timeout_ + std::chrono::duration_cast<std::chrono::microseconds>(busy)));
        return candidate;
    }
}

std::unique_ptr<Connection> EndpointPool::create() {
    auto connection = std::make_unique<Connection>();
    if (endpoint_.secure) {
        Poco::Net::Session::Ptr resume;
        {
            std::lock_guard lock(mutex_);
            resume = tls_session_;
        }
        connection->session =
            std::make_unique<Poco::Net::HTTPSClientSession>(endpoint_.host, endpoint_.port, tls_context_, resume);
    } else {
        connection->session = std::make_unique<Poco::Net::HTTPClientSession>(endpoint_.host, endpoint_.port);
    }
    // Without keep-alive Poco sends "Connection: close" and reconnects for every request.
    connection->session->setKeepAlive(true);
    connection->session->setKeepAliveTimeout(toTimespan(idle_timeout_));
    return connection;
}

void EndpointPool::giveBack(std::unique_ptr<Connection> connection) {
    const auto now = Connection::Clock::now();
    connection->idle_since = now;
    Poco::Net::Session::Ptr negotiated;
    if (endpoint_.secure) negotiated = static_cast<Poco::Net::HTTPSClientSession&>(*connection->session).sslSession();
    std::deque<std::unique_ptr<Connection>> dropped;  // destroyed after the lock is released
    std::lock_guard lock(mutex_);
    if (negotiated) tls_session_ = negotiated;
    collectExpired(now, dropped);
    if (max_idle_ == 0) {
        dropped.push_back(std::move(connection));
        return;
    }
    if (idle_.size() >= max_idle_) {
        dropped.push_back(std::move(idle_.front()));
        idle_.pop_front();
    }
    idle_.push_back(std::move(connection));
}

std::size_t EndpointPool::idleCount() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

bool EndpointPool::peerClosed(Connection& connection) {
    Poco::Net::HTTPClientSession& session = *connection.session;
    if (!session.connected()) return true;
    // One poll() instead of Socket::poll, which in Poco 1.11 builds a throwaway epoll set per call.
    pollfd probe{session.socket().impl()->sockfd(), POLLIN, 0};
    return ::poll(&probe, 1, 0) != 0;
}

void EndpointPool::collectExpired(Connection::Clock::time_point now, std::deque<std::unique_ptr<Connection>>& expired) {
    while (!idle_.empty() && now - idle_.front()->idle_since >= idle_timeout_) {
        expired.push_back(std::move(idle_.front()));
        idle_.pop_front();
    }
}

}  // namespace portico::upstream
