#pragma once
#include <portico/plugin.h>

namespace portico::plugin_common {

/// The descriptor a bundled plugin declares, with the ABI version it was built against filled
/// in here, once, rather than in every plugin.
constexpr portico_plugin_descriptor describePlugin(int32_t kind, portico_str name, portico_str version,
                                                   portico_str description, const void* vtable) noexcept {
    portico_plugin_descriptor descriptor{};
    descriptor.struct_size = sizeof descriptor;
    descriptor.abi_major = PORTICO_ABI_MAJOR;
    descriptor.abi_minor = PORTICO_ABI_MINOR;
    descriptor.kind = kind;
    descriptor.name = name;
    descriptor.version = version;
    descriptor.flags = 0;
    descriptor.description = description;
    descriptor.vtable = vtable;
    return descriptor;
}

}  // namespace portico::plugin_common

/// Defines the plugin's one exported symbol. It hands out `descriptor` even to a host of another
/// ABI major (so that host can name the plugin in its refusal) and then refuses that host.
#define PORTICO_PLUGIN_ENTRY(descriptor)                                                              \
    extern "C" PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host,            \
                                                                 const portico_plugin_descriptor** out) { \
        if (!out) return PORTICO_ERR_INTERNAL;                                                        \
        *out = &(descriptor);                                                                         \
        return host && host->abi_major != PORTICO_ABI_MAJOR ? PORTICO_ERR_ABI : PORTICO_OK;            \
    }
