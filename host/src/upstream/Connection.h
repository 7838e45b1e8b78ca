#pragma once
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Timespan.h>

#include <chrono>
#include <memory>

namespace portico::upstream {

/// One upstream connection (HTTPClientSession or HTTPSClientSession). A connection is owned by
/// exactly one request while checked out and by its EndpointPool while idle; it is never shared.
struct Connection {
    using Clock = std::chrono::steady_clock;

    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    Clock::time_point last_sent{};   ///< when the last request went out (Poco's keep-alive clock starts there)
    Clock::time_point idle_since{};  ///< when it went back to the pool
    /// The send/receive timeout its socket has now, so a reused connection whose next request has
    /// the same limit (the usual case) costs no setsockopt calls.
    Poco::Timespan socket_io_timeout{-1};
};

}  // namespace portico::upstream
