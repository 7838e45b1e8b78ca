#include "observe/ObserverQueue.h"

#include "core/Log.h"
#include "observe/EventBatch.h"

namespace portico::observe {
namespace {
constexpr std::size_t kMaxBatch = 256;
constexpr int kMaxAttempts = 5;
}  // namespace

ObserverQueue::ObserverQueue(std::shared_ptr<plugins::ObserverInstance> observer, std::size_t capacity)
    : observer_(std::move(observer)), capacity_(capacity), thread_([this] { run(); }) {}

ObserverQueue::~ObserverQueue() { stop(std::chrono::milliseconds(5000)); }

void ObserverQueue::publish(const std::shared_ptr<const ExchangeRecord>& record) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_ && queue_.size() < capacity_) {
            queue_.push_back(record);
            ready_.notify_one();
            return;
        }
    }
    // Power-of-two counts keep a flood of drops from becoming a flood of log lines.
    const std::size_t dropped = dropped_.fetch_add(1, std::memory_order_relaxed) + 1;
    if ((dropped & (dropped - 1)) == 0)
        core::Log::warn("observe", "observer '" + observer_->name() + "' queue full: " + std::to_string(dropped) +
                                       " records dropped so far");
}

void ObserverQueue::stop(std::chrono::milliseconds flush_budget) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            stopping_ = true;
            stop_deadline_ = std::chrono::steady_clock::now() + flush_budget;
            ready_.notify_one();
        }
    }
    // A reload and shutdown may stop the same queue at once: one joins, the other waits for it.
    std::lock_guard join_lock(join_mutex_);
    if (thread_.joinable()) thread_.join();
}

void ObserverQueue::run() {
    std::vector<std::shared_ptr<const ExchangeRecord>> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) break;  // stopping and drained
            while (!queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        deliver(batch);
        batch.clear();
    }
    const auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(stop_deadline_ - std::chrono::steady_clock::now());
    observer_->flush(static_cast<uint32_t>(budget.count() > 0 ? budget.count() : 0));
}

bool ObserverQueue::stopBudgetExhausted(std::chrono::milliseconds wait) {
    std::lock_guard lock(mutex_);
    return stopping_ && std::chrono::steady_clock::now() + wait > stop_deadline_;
}

void ObserverQueue::deliver(const std::vector<std::shared_ptr<const ExchangeRecord>>& batch) {
    const EventBatch events(batch, observer_->eventMask());
    if (events.size() == 0) return;
    auto backoff = std::chrono::milliseconds(100);
    for (int attempt = 1;; ++attempt) {
        plugins::ErrorBuffer error;
        const portico_status status = observer_->onEvents(events.data(), events.size(), error);
        if (status == PORTICO_OK) {
            delivered_.fetch_add(batch.size(), std::memory_order_relaxed);
            return;
        }
        const bool give_up = status != PORTICO_ERR_RETRY || attempt >= kMaxAttempts || stopBudgetExhausted(backoff);
        if (give_up) {
            dropped_.fetch_add(batch.size(), std::memory_order_relaxed);
            core::Log::error("observe", "observer '" + observer_->name() + "' dropped " + std::to_string(batch.size()) +
                                            " records after " + std::to_string(attempt) + " attempt(s): " + error.message());
            return;
        }
        std::this_thread::sleep_for(backoff);  // retry backoff on the observer's own thread, never a request's
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
}

}  // namespace portico::observe
