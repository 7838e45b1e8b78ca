#pragma once
#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace portico::http {

struct ClientConnection;

/// The threads that serve requests: at most `max_threads` (server.max_threads: the number of
/// requests served at once, streams included), started on demand with small stacks. Connections
/// with a complete request wait in FIFO order when every thread is busy.
class WorkerPool {
public:
    using Serve = std::function<void(ClientConnection*)>;

    WorkerPool(int min_threads, int max_threads, std::size_t stack_bytes, Serve serve);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void submit(ClientConnection* connection);
    /// Waits until no request is being served or waiting for a thread, or the deadline passes;
    /// true when idle.
    bool awaitIdle(std::chrono::steady_clock::time_point deadline);
    /// Lets every thread finish its current request, then joins them all. Connections still
    /// queued are dropped from the queue (they stay their poller's).
    void stop();

private:
    static void* threadMain(void* self);
    void work();
    void startThread();  // with mutex_ held

    const int max_threads_;
    const std::size_t stack_bytes_;
    const Serve serve_;
    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable became_idle_;
    std::deque<ClientConnection*> queue_;
    std::vector<pthread_t> threads_;
    int waiting_threads_ = 0;
    int serving_ = 0;
    bool stopping_ = false;
};

}  // namespace portico::http
