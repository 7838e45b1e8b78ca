#pragma once
#include <portico/plugin.h>

#include <stdexcept>
#include <string>

#include "plugins/AbiAdapters.h"
#include "plugins/HostContext.h"

namespace portico::plugins {

/// The create() slot has the same shape in every plugin kind.
using CreateFn = portico_status (*)(const portico_host*, portico_str, void**, portico_error*);

/// Calls create with the instance's own host context; throws std::runtime_error naming the
/// plugin and its message when the plugin refuses the config.
inline void* createInstance(CreateFn create, const HostContext& context, const char* kind) {
    void* instance = nullptr;
    ErrorBuffer error;
    const portico_status status = create(context.host(), toStr(context.configJson()), &instance, error.abi());
    if (status != PORTICO_OK)
        throw std::runtime_error(std::string(kind) + " '" + context.pluginName() + "' refused its config: " +
                                 (error.message().empty() ? "status " + std::to_string(status) : error.message()));
    return instance;
}

}  // namespace portico::plugins
