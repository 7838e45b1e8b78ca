#include "plugins/ObserverInstance.h"

#include "plugins/InstanceCreation.h"

namespace portico::plugins {

ObserverInstance::ObserverInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json,
                                   upstream::UpstreamPool* pool)
    : library_(std::move(library)) {
    context_ = std::make_unique<HostContext>(library_->name(), std::move(config_json), pool);
    instance_ = createInstance(library_->observer().create, *context_, "observer");
}

ObserverInstance::~ObserverInstance() {
    if (instance_) library_->observer().destroy(instance_);
}

portico_status ObserverInstance::onEvents(const portico_event* const* events, size_t count, ErrorBuffer& error) const {
    return library_->observer().on_events(instance_, events, count, error.abi());
}

void ObserverInstance::flush(uint32_t timeout_ms) const {
    if (library_->observer().flush) library_->observer().flush(instance_, timeout_ms);
}

}  // namespace portico::plugins
