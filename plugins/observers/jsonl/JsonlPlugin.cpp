// The C edge of the jsonl observer: the descriptor, the vtable, and the translation of C++
// results and exceptions into portico_status + portico_error (nothing may unwind into the host).

#include "JsonlConfig.h"
#include "JsonlObserver.h"

#include <portico/plugin.h>

#include "common/PluginEntry.h"

#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace portico::observers::jsonl {
namespace {

/// What the host holds as the instance: the observer plus the host handle, which flush() needs
/// to report a failure because its signature has no portico_error.
struct Instance {
    const portico_host* host;
    std::unique_ptr<JsonlObserver> observer;
};

void logError(const portico_host* host, std::string_view message) {
    if (host && host->api && host->api->log) {
        host->api->log(host->handle, PORTICO_LOG_ERROR, portico_str{message.data(), message.size()});
    }
}

portico_status fail(portico_error* err, portico_status status, std::string_view message) {
    return portico_error_set(err, status, 0, message.data(), message.size());
}

portico_status create(const portico_host* host, portico_str config_json, void** out_instance, portico_error* err) {
    try {
        std::string error;
        const std::string_view json =
            config_json.len ? std::string_view(config_json.ptr, config_json.len) : std::string_view();
        std::optional<JsonlConfig> config = JsonlConfig::parse(json, error);
        if (!config) return fail(err, PORTICO_ERR_INVALID, error);
        std::unique_ptr<JsonlObserver> observer = JsonlObserver::create(std::move(*config), error);
        if (!observer) return fail(err, PORTICO_ERR_INVALID, error);
        *out_instance = new Instance{host, std::move(observer)};
        return PORTICO_OK;
    } catch (const std::exception& e) {
        return fail(err, PORTICO_ERR_INTERNAL, std::string("jsonl: create failed: ") + e.what());
    } catch (...) {
        return fail(err, PORTICO_ERR_INTERNAL, "jsonl: create failed");
    }
}

void destroy(void* instance) { delete static_cast<Instance*>(instance); }

portico_status onEvents(void* instance, const portico_event* const* events, size_t count, portico_error* err) {
    try {
        std::string error;
        const portico_status status = static_cast<Instance*>(instance)->observer->onEvents(events, count, error);
        return status == PORTICO_OK ? status : fail(err, status, error);
    } catch (const std::bad_alloc&) {
        // Memory may be back by the time the host retries; the batch is not lost for this.
        return fail(err, PORTICO_ERR_RETRY, "jsonl: out of memory while writing events");
    } catch (const std::exception& e) {
        return fail(err, PORTICO_ERR_INTERNAL, std::string("jsonl: on_events failed: ") + e.what());
    } catch (...) {
        return fail(err, PORTICO_ERR_INTERNAL, "jsonl: on_events failed");
    }
}

// timeout_ms is not used: fflush and fsync are bounded by the kernel, not by a wait of ours.
portico_status flush(void* instance, uint32_t /*timeout_ms*/) {
    Instance* self = static_cast<Instance*>(instance);
    try {
        std::string error;
        const portico_status status = self->observer->flush(error);
        if (status != PORTICO_OK) logError(self->host, error);
        return status;
    } catch (...) {
        logError(self->host, "jsonl: flush failed");
        return PORTICO_ERR_INTERNAL;
    }
}

const portico_observer_vtable kVtable = {
    .struct_size = sizeof(portico_observer_vtable),
    .event_mask = PORTICO_EVENT_MASK_ALL,
    .flags = 0,
    .create = &create,
    .destroy = &destroy,
    .on_events = &onEvents,
    .flush = &flush,
};

constexpr portico_plugin_descriptor kDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_OBSERVER, PORTICO_STR("jsonl"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Appends every request, provider exchange and response to a JSON Lines file"), &kVtable);

}  // namespace
}  // namespace portico::observers::jsonl

PORTICO_PLUGIN_ENTRY(portico::observers::jsonl::kDescriptor)
