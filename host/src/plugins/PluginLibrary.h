#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <memory>
#include <string>

#include "plugins/HostContext.h"
#include "plugins/SharedObject.h"

namespace portico::plugins {

/// What a plugin declared, copied out of its static descriptor so it outlives any refusal.
struct PluginDeclaration {
    std::string path;
    int kind = 0;
    std::string name;
    std::string version;
    std::string description;
    uint16_t abi_major = 0;
    uint16_t abi_minor = 0;
    uint32_t flags = 0;

    std::string abiVersion() const { return std::to_string(abi_major) + "." + std::to_string(abi_minor); }
};

/// A validated, loaded plugin library. Its vtable is a zero-extended copy, so slots an older
/// plugin does not have read as NULL. Instances hold a shared_ptr to it, which is what keeps
/// the code mapped until the last call in flight has returned (reload drains this way).
class PluginLibrary {
public:
    PluginLibrary(PluginDeclaration declaration, std::unique_ptr<SharedObject> object,
                  std::unique_ptr<HostContext> init_context);
    ~PluginLibrary();
    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;

    const PluginDeclaration& declaration() const { return declaration_; }
    const std::string& name() const { return declaration_.name; }
    int kind() const { return declaration_.kind; }

    const portico_provider_vtable& provider() const { return vtables_.provider; }
    const portico_observer_vtable& observer() const { return vtables_.observer; }
    const portico_guardrail_vtable& guardrail() const { return vtables_.guardrail; }

private:
    friend class PluginLoader;
    union Vtables {
        portico_provider_vtable provider;
        portico_observer_vtable observer;
        portico_guardrail_vtable guardrail;
    };
    std::unique_ptr<SharedObject> object_;  // declared first: unmapped after everything else
    PluginDeclaration declaration_;
    std::unique_ptr<HostContext> init_context_;
    Vtables vtables_{};
};

}  // namespace portico::plugins
