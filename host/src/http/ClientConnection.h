#pragma once
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace portico::http {

/// A client socket whose first unread bytes may already have been received by a poller. Poco's
/// HTTP session reads through receiveBytes, so it finds the request head the poller collected
/// first and then continues on the socket itself (blocking, with the socket's receive timeout).
class PrefetchedSocketImpl : public Poco::Net::StreamSocketImpl {
public:
    explicit PrefetchedSocketImpl(int fd) : StreamSocketImpl(fd) {}

    int receiveBytes(void* buffer, int length, int flags = 0) override;

    /// Bytes received but not yet read by a session.
    std::string_view unread() const { return std::string_view(received_).substr(consumed_); }
    /// Receives what the socket has now without waiting: >0 bytes added, 0 peer closed, -1 would
    /// block, -2 error. At most `limit` bytes are taken, so one connection cannot hog a poller.
    long receiveAvailable(std::size_t limit);
    /// Returns bytes a session had buffered beyond its request: they precede what is unread.
    void putBack(std::string_view bytes);
    /// Drops consumed bytes, and the buffer itself once large, so an idle connection holds little.
    void compact();

private:
    std::string received_;
    std::size_t consumed_ = 0;
};

/// One client connection and what the connection layer knows of it. A connection is owned either
/// by its poller (idle, receiving a head, lingering before close) or by one worker (a request is
/// being served); the fields below are only touched by the current owner.
struct ClientConnection {
    enum class State { idle, head, body, active, lingering };
    using Clock = std::chrono::steady_clock;

    explicit ClientConnection(int fd);
    ClientConnection(const ClientConnection&) = delete;
    ClientConnection& operator=(const ClientConnection&) = delete;

    /// The socket's own implementation, with the bytes received ahead of a session.
    PrefetchedSocketImpl& prefetched() const { return static_cast<PrefetchedSocketImpl&>(*socket.impl()); }
    int fd() const { return socket.impl()->sockfd(); }

    Poco::Net::StreamSocket socket;
    State state = State::idle;
    Clock::time_point deadline;         ///< when the current state times out
    std::size_t scanned = 0;            ///< how far the head scan got (resume point)
    std::size_t wanted = 0;             ///< in State::body: bytes (head + body) to collect first
    int served = 0;                     ///< requests served on this connection
    std::size_t slot = 0;               ///< index in the poller's connection list
};

}  // namespace portico::http
