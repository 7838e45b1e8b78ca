#include "observe/EventBus.h"

#include <algorithm>

namespace portico::observe {

void EventBus::publish(std::shared_ptr<const ExchangeRecord> record) const {
    const auto queues = queues_.load();
    for (const auto& queue : *queues) queue->publish(record);
}

EventBus::Queues EventBus::replace(Queues queues) {
    const auto next = std::make_shared<const Queues>(std::move(queues));
    const auto previous = queues_.exchange(next);
    Queues removed;
    for (const auto& old : *previous)
        if (std::find(next->begin(), next->end(), old) == next->end()) removed.push_back(old);
    return removed;
}

void EventBus::stopAll(std::chrono::milliseconds flush_budget) {
    for (const auto& queue : replace({})) queue->stop(flush_budget);
}

}  // namespace portico::observe
