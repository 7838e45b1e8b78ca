#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "http/ClientConnection.h"
#include "http/ConnectionLimits.h"

namespace portico::http {

class WorkerPool;

/// One epoll thread that owns every connection not being served: it accepts, waits while
/// connections are idle, collects request heads (and small bodies) without blocking, enforces
/// the timeouts and limits above, and hands a connection with a complete request to the workers.
/// Workers give it back with park() or close() when their response is done. Only this thread
/// creates, times out or deletes connections, so connection state needs no lock.
class ConnectionPoller {
public:
    ConnectionPoller(int listen_fd, const ConnectionLimits& limits, WorkerPool& workers, const std::atomic<bool>& draining);
    ~ConnectionPoller();
    ConnectionPoller(const ConnectionPoller&) = delete;
    ConnectionPoller& operator=(const ConnectionPoller&) = delete;

    void start();
    /// From a worker: the connection waits here for its next request (bytes of it may be unread).
    void park(ClientConnection* connection) { giveBack(connection, false); }
    /// From a worker: the connection ends (FIN, then what the client still sends is dropped).
    void close(ClientConnection* connection) { giveBack(connection, true); }
    /// Wakes the thread to act on `draining`: idle connections close, no new request is read.
    void wake();
    /// Shuts down the sockets of connections being served, so their workers' I/O fails fast.
    void abortActive();
    /// Joins the thread and closes every connection still held. Workers must be stopped first.
    void stop();

private:
    using Clock = ClientConnection::Clock;

    void run();
    void giveBack(ClientConnection* connection, bool close);
    void acceptAll(Clock::time_point now);
    void takeReturned(Clock::time_point now);
    void onReadable(ClientConnection* connection, Clock::time_point now);
    void collectRequest(ClientConnection* connection, Clock::time_point now);
    void dispatch(ClientConnection* connection);
    void refuse(ClientConnection* connection, int status, const char* reason, const std::string& message,
                const char* code, Clock::time_point now);
    void linger(ClientConnection* connection, Clock::time_point now);
    void sweep(Clock::time_point now);
    bool watch(ClientConnection* connection, bool first_time);
    void destroy(ClientConnection* connection);

    const int listen_fd_;
    const ConnectionLimits limits_;
    WorkerPool& workers_;
    const std::atomic<bool>& draining_;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;
    int spare_fd_ = -1;  ///< held in reserve to refuse a connection when descriptors run out
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> abort_active_{false};
    std::vector<ClientConnection*> connections_;  ///< every open connection, being served or not

    std::mutex returned_mutex_;
    std::vector<std::pair<ClientConnection*, bool>> returned_;  ///< (connection, close) from workers
    std::vector<std::pair<ClientConnection*, bool>> taking_;    ///< swapped out of returned_ by the thread
};

}  // namespace portico::http
