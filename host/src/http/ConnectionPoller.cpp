#include "http/ConnectionPoller.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/GatewayError.h"
#include "core/Log.h"
#include "http/ErrorResponder.h"
#include "http/RequestHeadScanner.h"
#include "http/WorkerPool.h"

namespace portico::http {
namespace {

using State = ClientConnection::State;

constexpr int kMaxEvents = 256;
constexpr int kSweepIntervalMs = 250;  ///< timeouts are enforced to within this
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kReadPerEvent = 256 * 1024;  ///< fairness: one connection cannot hold the thread

/// A reply the connection layer sends itself, before (or instead of) any handler: an OpenAI
/// error body, and the connection closes after it.
std::string closingReply(int status, const char* reason, const std::string& message, const char* code) {
    const core::GatewayError error(status, status >= 500 ? "server_error" : "invalid_request_error", code, message);
    const std::string body = ErrorResponder::body(error);
    std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nConnection: close\r\n";
    if (status == 503) reply += "Retry-After: 1\r\n";
    reply += "\r\n";
    reply += body;
    return reply;
}

/// Small replies fit the socket buffer of a fresh or idle connection; one that does not is cut,
/// which is no worse than closing without a reply, and never blocks the poller.
void sendNow(int fd, const std::string& bytes) {
    (void)::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

/// Reads and drops what a lingering connection's client sent. False once the client has closed
/// (or failed): the connection can go.
bool dropReceived(int fd) {
    char scratch[16384];
    for (std::size_t dropped = 0; dropped < kReadPerEvent;) {
        const ssize_t n = ::recv(fd, scratch, sizeof scratch, MSG_DONTWAIT);
        if (n > 0) {
            dropped += static_cast<std::size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }
    return true;  // more may follow; the linger deadline ends it
}

}  // namespace

ConnectionPoller::ConnectionPoller(int listen_fd, const ConnectionLimits& limits, WorkerPool& workers,
                                   const std::atomic<bool>& draining)
    : listen_fd_(listen_fd), limits_(limits), workers_(workers), draining_(draining) {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (epoll_fd_ < 0 || wake_fd_ < 0) throw std::runtime_error(std::string("epoll setup failed: ") + std::strerror(errno));
    ::fcntl(listen_fd_, F_SETFL, ::fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
    epoll_event listen_event{};
    listen_event.events = EPOLLIN;
    listen_event.data.ptr = nullptr;  // the listening socket
    epoll_event wake_event{};
    wake_event.events = EPOLLIN;
    wake_event.data.ptr = &wake_fd_;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listen_event) != 0 ||
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake_event) != 0)
        throw std::runtime_error(std::string("epoll_ctl failed: ") + std::strerror(errno));
}

ConnectionPoller::~ConnectionPoller() {
    stop();
    ::close(epoll_fd_);
    ::close(wake_fd_);
    if (spare_fd_ >= 0) ::close(spare_fd_);
}

void ConnectionPoller::start() { thread_ = std::thread([this] { run(); }); }

void ConnectionPoller::wake() {
    const std::uint64_t one = 1;
    (void)::write(wake_fd_, &one, sizeof one);
}

void ConnectionPoller::abortActive() {
    abort_active_ = true;
    wake();
}

void ConnectionPoller::stop() {
    if (thread_.joinable()) {
        stop_ = true;
        wake();
        thread_.join();
    }
    for (ClientConnection* connection : connections_) delete connection;
    connections_.clear();
}

void ConnectionPoller::giveBack(ClientConnection* connection, bool close) {
    bool was_empty = false;
    {
        std::lock_guard lock(returned_mutex_);
        was_empty = returned_.empty();
        returned_.emplace_back(connection, close);
    }
    if (was_empty) wake();  // later ones find the thread already woken
}

void ConnectionPoller::run() {
    epoll_event events[kMaxEvents];
    auto next_sweep = Clock::now();
    while (!stop_.load(std::memory_order_relaxed)) {
        const int n = ::epoll_wait(epoll_fd_, events, kMaxEvents, kSweepIntervalMs);
        const auto now = Clock::now();
        for (int i = 0; i < n; ++i) {
            void* tag = events[i].data.ptr;
            if (tag == nullptr) {
                acceptAll(now);
            } else if (tag == &wake_fd_) {
                std::uint64_t count = 0;
                (void)::read(wake_fd_, &count, sizeof count);
            } else {
                onReadable(static_cast<ClientConnection*>(tag), now);
            }
        }
        takeReturned(now);
        if (abort_active_.exchange(false)) {
            for (ClientConnection* connection : connections_)
                if (connection->state == State::active) ::shutdown(connection->fd(), SHUT_RDWR);
        }
        if (now >= next_sweep || draining_.load(std::memory_order_relaxed)) {
            sweep(now);
            next_sweep = now + std::chrono::milliseconds(kSweepIntervalMs);
        }
    }
}

void ConnectionPoller::acceptAll(Clock::time_point now) {
    for (;;) {
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            if ((errno == EMFILE || errno == ENFILE) && spare_fd_ >= 0) {
                // Out of descriptors: accept with the spare one and close at once, so the client is
                // told instead of the listening socket staying readable and spinning this loop.
                ::close(spare_fd_);
                const int refused = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
                if (refused >= 0) ::close(refused);
                spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
                core::Log::warn("http", "out of file descriptors; refused a connection (raise ulimit -n)");
                continue;
            }
            // The listening socket was shut down (stopAccepting) or failed: stop watching it.
            ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
            return;
        }
        if (connections_.size() >= static_cast<std::size_t>(limits_.max_connections)) {
            sendNow(fd, closingReply(503, "Service Unavailable",
                                     "The gateway has reached server.max_connections; retry shortly",
                                     "too_many_connections"));
            ::close(fd);
            continue;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);  // stream chunks must not wait for ACKs
        auto* connection = new ClientConnection(fd);
        connection->deadline = now + limits_.keep_alive_timeout;
        connection->slot = connections_.size();
        connections_.push_back(connection);
        if (!watch(connection, true)) destroy(connection);
    }
}

void ConnectionPoller::takeReturned(Clock::time_point now) {
    {
        std::lock_guard lock(returned_mutex_);
        if (returned_.empty()) return;
        taking_.swap(returned_);
    }
    for (const auto& [connection, close] : taking_) {
        connection->prefetched().compact();
        if (close) {
            linger(connection, now);
            continue;
        }
        connection->state = State::idle;
        connection->scanned = 0;
        connection->deadline = now + limits_.keep_alive_timeout;
        if (!connection->prefetched().unread().empty()) {
            collectRequest(connection, now);  // the next request has begun (pipelined, or read by the worker)
        } else if (!watch(connection, false)) {
            destroy(connection);
        }
    }
    taking_.clear();
}

void ConnectionPoller::onReadable(ClientConnection* connection, Clock::time_point now) {
    if (connection->state == State::lingering) {
        if (!dropReceived(connection->fd()) || !watch(connection, false)) destroy(connection);
        return;
    }
    const long received = connection->prefetched().receiveAvailable(kReadPerEvent);
    if (received == -2 || (received == 0 && connection->state == State::idle)) {
        destroy(connection);  // the client reset, or closed between requests: nothing to answer
        return;
    }
    if (received == 0) {
        // The client finished sending (a half-close) with its request incomplete; it may still read.
        if (connection->state == State::body)
            refuse(connection, 408, "Request Timeout", "The request body was not received in full", "request_timeout", now);
        else
            refuse(connection, 400, "Bad Request", "The request head ended before its blank line", "invalid_request", now);
        return;
    }
    if (received == -1) {
        if (!watch(connection, false)) destroy(connection);
        return;
    }
    collectRequest(connection, now);
}

void ConnectionPoller::collectRequest(ClientConnection* connection, Clock::time_point now) {
    const std::string_view unread = connection->prefetched().unread();
    if (connection->state == State::idle) {
        connection->state = State::head;
        connection->deadline = now + limits_.header_timeout;  // from the head's first byte, not its last
    }
    if (connection->state == State::head) {
        const HeadScan scan = scanRequestHead(unread, limits_.max_head_bytes, connection->scanned);
        switch (scan.state) {
            case HeadScan::State::incomplete:
                connection->scanned = unread.size();
                if (!watch(connection, false)) destroy(connection);
                return;
            case HeadScan::State::too_large:
                refuse(connection, 431, "Request Header Fields Too Large",
                       "The request head exceeds " + std::to_string(limits_.max_head_bytes) + " bytes",
                       "request_header_too_large", now);
                return;
            case HeadScan::State::malformed:
                refuse(connection, 400, "Bad Request", "Malformed request head: " + scan.error, "invalid_request", now);
                return;
            case HeadScan::State::complete:
                break;
        }
        // A small body is collected here too, so a slow upload holds no thread.
        connection->wanted = bytesBeforeServing(scan, limits_);
        connection->state = State::body;
    }
    if (unread.size() >= connection->wanted) {
        dispatch(connection);
        return;
    }
    connection->deadline = now + limits_.header_timeout;  // for a body: since the last bytes arrived
    if (!watch(connection, false)) destroy(connection);
}

void ConnectionPoller::dispatch(ClientConnection* connection) {
    connection->state = State::active;
    workers_.submit(connection);
}

void ConnectionPoller::refuse(ClientConnection* connection, int status, const char* reason, const std::string& message,
                              const char* code, Clock::time_point now) {
    sendNow(connection->fd(), closingReply(status, reason, message, code));
    linger(connection, now);
}

void ConnectionPoller::linger(ClientConnection* connection, Clock::time_point now) {
    // FIN first, then drop what the client still sends: closing with unread bytes makes the kernel
    // answer RST, which can destroy the reply before the client has read it (Apache's lingering close).
    ::shutdown(connection->fd(), SHUT_WR);
    connection->state = State::lingering;
    connection->deadline = now + kLingerTime;
    if (!watch(connection, false)) destroy(connection);
}

void ConnectionPoller::sweep(Clock::time_point now) {
    const bool draining = draining_.load(std::memory_order_relaxed);
    for (std::size_t i = connections_.size(); i-- > 0;) {
        ClientConnection* connection = connections_[i];
        switch (connection->state) {
            case State::active:
                break;
            case State::idle:
                if (draining || now >= connection->deadline) destroy(connection);
                break;
            case State::head:
            case State::body:
                if (now >= connection->deadline)
                    refuse(connection, 408, "Request Timeout",
                           connection->state == State::head
                               ? "The request head was not complete within server.header_timeout_s"
                               : "The request body stopped arriving for server.header_timeout_s",
                           "request_timeout", now);
                break;
            case State::lingering:
                if (now >= connection->deadline) destroy(connection);
                break;
        }
    }
}

bool ConnectionPoller::watch(ClientConnection* connection, bool first_time) {
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    event.data.ptr = connection;
    return ::epoll_ctl(epoll_fd_, first_time ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, connection->fd(), &event) == 0;
}

void ConnectionPoller::destroy(ClientConnection* connection) {
    const std::size_t slot = connection->slot;
    connections_[slot] = connections_.back();
    connections_[slot]->slot = slot;
    connections_.pop_back();
    delete connection;  // closing the descriptor also removes it from the epoll set
}

}  // namespace portico::http
