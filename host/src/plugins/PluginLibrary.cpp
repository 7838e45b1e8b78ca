#include "plugins/PluginLibrary.h"

#include "core/Log.h"
#include "plugins/AbiAdapters.h"

namespace portico::plugins {

PluginLibrary::PluginLibrary(PluginDeclaration declaration, std::unique_ptr<SharedObject> object,
                             std::unique_ptr<HostContext> init_context)
    : object_(std::move(object)), declaration_(std::move(declaration)), init_context_(std::move(init_context)) {
    if (declaration_.flags & PORTICO_PLUGIN_NO_UNLOAD) object_->keepLoaded();
}

PluginLibrary::~PluginLibrary() {
    core::Log::debug("plugins", "unmapped " + std::string(kindName(declaration_.kind)) + " '" + declaration_.name +
                                   "' (" + declaration_.path + ")");
}

}  // namespace portico::plugins
