#pragma once
#include <portico/plugin.h>

#include <deque>
#include <memory>
#include <vector>

#include "observe/ExchangeRecord.h"

namespace portico::observe {

/// The portico_event views of a batch of records (request, provider_request, provider_response,
/// response per record, filtered by an observer's mask). Views point into the records, which
/// the batch keeps alive.
class EventBatch {
public:
    EventBatch(const std::vector<std::shared_ptr<const ExchangeRecord>>& records, uint32_t mask);
    const portico_event* const* data() const { return pointers_.data(); }
    std::size_t size() const { return pointers_.size(); }

private:
    void add(const ExchangeRecord& record, uint32_t type, uint32_t mask);
    std::vector<std::shared_ptr<const ExchangeRecord>> records_;
    std::deque<portico_event> events_;                      // deque: stable addresses
    std::deque<std::vector<portico_header>> header_arrays_;
    std::deque<std::vector<portico_str>> chunk_arrays_;
    std::vector<const portico_event*> pointers_;
};

}  // namespace portico::observe
