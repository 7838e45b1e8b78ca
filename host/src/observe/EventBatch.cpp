#include "observe/EventBatch.h"

#include "plugins/AbiAdapters.h"

namespace portico::observe {
using plugins::toStr;

EventBatch::EventBatch(const std::vector<std::shared_ptr<const ExchangeRecord>>& records, uint32_t mask)
    : records_(records) {
    for (const auto& record : records_) {
        add(*record, PORTICO_EVENT_REQUEST, mask);
        if (record->sent_upstream) add(*record, PORTICO_EVENT_PROVIDER_REQUEST, mask);
        if (record->got_provider_response) add(*record, PORTICO_EVENT_PROVIDER_RESPONSE, mask);
        add(*record, PORTICO_EVENT_RESPONSE, mask);
    }
}

void EventBatch::add(const ExchangeRecord& record, uint32_t type, uint32_t mask) {
    if (!(mask & PORTICO_EVENT_MASK(type))) return;
    portico_event event{};
    event.struct_size = sizeof event;
    event.type = type;
    event.request_id = toStr(record.request_id);
    event.model = toStr(record.model);
    event.provider = toStr(record.provider);
    const upstream::Headers* headers = nullptr;
    bool with_chunks = false;
    switch (type) {
        case PORTICO_EVENT_REQUEST:
            event.unix_ns = record.start_unix_ns;
            event.method = toStr(record.method);
            event.url = toStr(record.path);
            event.body = toStr(record.request_body);
            headers = &record.request_headers;
            break;
        case PORTICO_EVENT_PROVIDER_REQUEST:
            event.unix_ns = record.provider_request_unix_ns;
            event.method = toStr(record.provider_method);
            event.url = toStr(record.provider_url);
            event.body = toStr(record.provider_body);
            headers = &record.provider_headers;
            break;
        case PORTICO_EVENT_PROVIDER_RESPONSE:
            event.unix_ns = record.provider_response_unix_ns;
            event.http_status = record.provider_status;
            event.body = toStr(record.provider_response_body);
            with_chunks = true;
            break;
        default:
            event.unix_ns = record.end_unix_ns;
            event.http_status = record.status;
            event.latency_ns = record.latency_ns;
            event.body = toStr(record.response_body);
            event.error_message = toStr(record.error_message);
            if (record.has_usage) event.usage = &record.usage;
            with_chunks = true;
            break;
    }
    if (headers && !headers->empty()) {
        auto& array = header_arrays_.emplace_back();
        for (const auto& [name, value] : *headers) array.push_back({toStr(name), toStr(value)});
        event.headers = array.data();
        event.header_count = array.size();
    }
    if (with_chunks && !record.chunks.empty()) {
        auto& array = chunk_arrays_.emplace_back();
        for (const std::string& chunk : record.chunks) array.push_back(toStr(chunk));
        event.chunks = array.data();
        event.chunk_count = array.size();
    }
    pointers_.push_back(&events_.emplace_back(event));
}

}  // namespace portico::observe
