#pragma once
#include <portico/plugin.h>

#include <memory>
#include <string>

#include "plugins/AbiAdapters.h"
#include "plugins/HostContext.h"
#include "plugins/PluginLibrary.h"

namespace portico::plugins {

/// One configured observer and the only caller of observer vtable slots. Used only from its
/// delivery thread (observe::ObserverQueue), so calls are serialized as the ABI promises.
class ObserverInstance {
public:
    ObserverInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json, upstream::UpstreamPool* pool);
    ~ObserverInstance();
    ObserverInstance(const ObserverInstance&) = delete;
    ObserverInstance& operator=(const ObserverInstance&) = delete;

    const std::string& name() const { return library_->name(); }
    const PluginLibrary& library() const { return *library_; }
    /// What create() was given; with library(), what a reload pairs instances by.
    const std::string& configJson() const { return context_->configJson(); }
    uint32_t eventMask() const {
        const uint32_t mask = library_->observer().event_mask;
        return mask ? mask : PORTICO_EVENT_MASK_ALL;
    }
    portico_status onEvents(const portico_event* const* events, size_t count, ErrorBuffer& error) const;
    void flush(uint32_t timeout_ms) const;

private:
    std::shared_ptr<const PluginLibrary> library_;
    std::unique_ptr<HostContext> context_;
    void* instance_ = nullptr;
};

}  // namespace portico::plugins
