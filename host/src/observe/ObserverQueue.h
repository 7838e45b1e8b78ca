#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "observe/ExchangeRecord.h"
#include "plugins/ObserverInstance.h"

namespace portico::observe {

/// A bounded queue and one delivery thread for one observer. publish() never blocks on the
/// observer: when the queue is full the record is dropped and counted (and the drop is logged),
/// so a slow observer can never stall requests. PORTICO_ERR_RETRY batches are re-delivered
/// with backoff. stop() drains what is queued, flushes the observer and joins.
class ObserverQueue {
public:
    ObserverQueue(std::shared_ptr<plugins::ObserverInstance> observer, std::size_t capacity);
    ~ObserverQueue();
    ObserverQueue(const ObserverQueue&) = delete;
    ObserverQueue& operator=(const ObserverQueue&) = delete;

    void publish(const std::shared_ptr<const ExchangeRecord>& record);
    void stop(std::chrono::milliseconds flush_budget);

    const plugins::ObserverInstance& observer() const { return *observer_; }
    std::size_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
    std::size_t delivered() const { return delivered_.load(std::memory_order_relaxed); }

private:
    void run();
    void deliver(const std::vector<std::shared_ptr<const ExchangeRecord>>& batch);
    bool stopBudgetExhausted(std::chrono::milliseconds wait);

    std::shared_ptr<plugins::ObserverInstance> observer_;
    std::size_t capacity_;
    std::mutex mutex_;
    std::mutex join_mutex_;  ///< held while joining thread_
    std::condition_variable ready_;
    std::deque<std::shared_ptr<const ExchangeRecord>> queue_;
    bool stopping_ = false;
    std::atomic<std::size_t> dropped_{0};
    std::atomic<std::size_t> delivered_{0};
    std::chrono::steady_clock::time_point stop_deadline_{};
    std::thread thread_;
};

}  // namespace portico::observe
