#include "http/WorkerPool.h"

#include <stdexcept>
#include <string>

namespace portico::http {

WorkerPool::WorkerPool(int min_threads, int max_threads, std::size_t stack_bytes, Serve serve)
    : max_threads_(max_threads), stack_bytes_(stack_bytes), serve_(std::move(serve)) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < min_threads && i < max_threads; ++i) startThread();
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::startThread() {
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    if (stack_bytes_ > 0) pthread_attr_setstacksize(&attributes, stack_bytes_);
    pthread_t thread;
    const int rc = pthread_create(&thread, &attributes, &WorkerPool::threadMain, this);
    pthread_attr_destroy(&attributes);
    if (rc != 0) {
        if (threads_.empty()) throw std::runtime_error("cannot start a request thread: error " + std::to_string(rc));
        return;  // out of threads: the queued request waits for one of the running ones
    }
    threads_.push_back(thread);
}

void WorkerPool::submit(ClientConnection* connection) {
    std::unique_lock lock(mutex_);
    queue_.push_back(connection);
    if (waiting_threads_ > static_cast<int>(queue_.size()) - 1) {
        lock.unlock();
        work_ready_.notify_one();
        return;
    }
    if (static_cast<int>(threads_.size()) < max_threads_) startThread();
}

bool WorkerPool::awaitIdle(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    return became_idle_.wait_until(lock, deadline, [&] { return serving_ == 0 && queue_.empty(); });
}

void WorkerPool::stop() {
    std::vector<pthread_t> threads;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        threads.swap(threads_);
        queue_.clear();
    }
    work_ready_.notify_all();
    for (const pthread_t thread : threads) pthread_join(thread, nullptr);
}

void* WorkerPool::threadMain(void* self) {
    static_cast<WorkerPool*>(self)->work();
    return nullptr;
}

void WorkerPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++waiting_threads_;
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        --waiting_threads_;
        if (stopping_) return;
        ClientConnection* connection = queue_.front();
        queue_.pop_front();
        ++serving_;
        lock.unlock();
        serve_(connection);  // never throws: the serve function owns its errors
        lock.lock();
        --serving_;
        if (serving_ == 0 && queue_.empty()) became_idle_.notify_all();
    }
}

}  // namespace portico::http
