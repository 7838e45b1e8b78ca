#include "observe/EventBus.h"

#include <algorithm>

namespace portico::observe {

void EventBus::publish(std::shared_ptr<const ExchangeRecord> record) const {
    const auto queues = queues_.load();
    for (const auto& queue : *queues) queue->publish(record);
}

void EventBus::replace(Queues queues, std::chrono::milliseconds flush_budget) {
    const auto next = std::make_shared<const Queues>(std::move(queues));
    const auto previous = queues_.exchange(next);
    for (const auto& old : *previous)
        if (std::find(next->begin(), next->end(), old) == next->end()) old->stop(flush_budget);
}

void EventBus::stopAll(std::chrono::milliseconds flush_budget) { replace({}, flush_budget); }

}  // namespace portico::observe
