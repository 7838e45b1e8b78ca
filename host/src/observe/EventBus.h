#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "observe/ObserverQueue.h"

namespace portico::observe {

/// Fans finished requests out to every observer's queue. The set of queues is an immutable
/// snapshot swapped on reload, so publishing takes no shared lock.
class EventBus {
public:
    using Queues = std::vector<std::shared_ptr<ObserverQueue>>;

    /// False when no observer is configured: callers then skip building records at all.
    bool active() const { return !queues_.load()->empty(); }
    void publish(std::shared_ptr<const ExchangeRecord> record) const;

    /// Installs a new set and returns the queues not in it, still running: the caller stops
    /// (drains and flushes) them, off any path that must answer quickly.
    Queues replace(Queues queues);
    Queues current() const { return *queues_.load(); }
    /// Drains and flushes every observer (shutdown).
    void stopAll(std::chrono::milliseconds flush_budget);

private:
    std::atomic<std::shared_ptr<const Queues>> queues_{std::make_shared<const Queues>()};
};

}  // namespace portico::observe
