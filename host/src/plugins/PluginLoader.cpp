#include "plugins/PluginLoader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "plugins/AbiAdapters.h"

namespace portico::plugins {
namespace {

/// Bigger than any struct this ABI will grow to; a larger size means garbage, not a newer minor.
constexpr size_t kMaxSaneStructSize = 64 * 1024;

/// Copies min(declared, ours) bytes into a zeroed T: slots an older plugin lacks read as NULL.
template <typename T>
T zeroExtendedCopy(const void* source, size_t declared_size) {
    T copy;
    std::memset(&copy, 0, sizeof copy);
    std::memcpy(&copy, source, std::min(declared_size, sizeof(T)));
    copy.struct_size = sizeof(T);
    return copy;
}

bool validName(const std::string& name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string missingSlots(const PluginLibrary& lib) {
    std::string missing;
    auto need = [&missing](bool present, const char* slot) {
        if (!present) missing += missing.empty() ? slot : std::string(", ") + slot;
    };
    switch (lib.kind()) {
        case PORTICO_KIND_PROVIDER: {
            const auto& v = lib.provider();
            need(v.create, "create");
            need(v.destroy, "destroy");
            need(v.invoke || (v.build_request && v.parse_response), "invoke or build_request+parse_response");
            const int streaming = !!v.stream_open + !!v.stream_feed + !!v.stream_end + !!v.stream_close;
            need(streaming == 0 || streaming == 4, "all of stream_open/stream_feed/stream_end/stream_close");
            break;
        }
        case PORTICO_KIND_OBSERVER:
            need(lib.observer().create, "create");
            need(lib.observer().destroy, "destroy");
            need(lib.observer().on_events, "on_events");
            break;
        case PORTICO_KIND_GUARDRAIL:
            need(lib.guardrail().create, "create");
            need(lib.guardrail().destroy, "destroy");
            need(lib.guardrail().check, "check");
            break;
    }
    return missing;
}

/// dlopen searches LD_LIBRARY_PATH and the system library directories for a name without a
/// slash, never the working directory: "my_provider.so" typed in the plugin's own folder would
/// not be found. (Not normalized: the registry compares these paths with its own fs::absolute ones.)
std::string absolutePath(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.string();
}

}  // namespace

LoadOutcome PluginLoader::load(const std::string& given_path) const {
    const std::string path = absolutePath(given_path);
    PluginDeclaration declared;
    declared.path = path;
    auto refuse = [&declared](std::string reason) { return LoadOutcome{LoadRefusal{declared, std::move(reason)}}; };

    std::unique_ptr<SharedObject> object;
    try {
        object = std::make_unique<SharedObject>(path);
    } catch (const std::exception& e) {
        return refuse(std::string("cannot load library: ") + e.what());
    }
    auto init = reinterpret_cast<portico_plugin_init_fn>(object->symbol(PORTICO_PLUGIN_INIT_SYMBOL));
    if (!init) return refuse("not a Portico plugin (no " PORTICO_PLUGIN_INIT_SYMBOL " symbol)");

    const std::string file_name = std::filesystem::path(path).filename().string();
    auto init_context = std::make_unique<HostContext>(file_name, std::string(), pool_);
    const portico_plugin_descriptor* raw = nullptr;
    portico_status status = PORTICO_ERR_INTERNAL;
    try {
        status = init(init_context->host(), &raw);
    } catch (...) {
        return refuse("portico_plugin_init threw an exception (exceptions must not cross the ABI)");
    }
    if (!raw) return refuse("portico_plugin_init returned no descriptor (status " + std::to_string(status) + ")");
    if (raw->struct_size < PORTICO_DESCRIPTOR_PREFIX_SIZE || raw->struct_size > kMaxSaneStructSize)
        return refuse("descriptor struct_size " + std::to_string(raw->struct_size) + " is not sane (the frozen prefix alone is " +
                      std::to_string(PORTICO_DESCRIPTOR_PREFIX_SIZE) + " bytes)");

    // The frozen prefix is readable in every ABI major, so refusals can name the plugin.
    declared.abi_major = raw->abi_major;
    declared.abi_minor = raw->abi_minor;
    declared.kind = raw->kind;
    declared.name = std::string(toView(raw->name).substr(0, 64));
    declared.version = std::string(toView(raw->version).substr(0, 64));
    const std::string who = "plugin '" + declared.name + "' (" + file_name + " " + declared.version + ")";

    if (raw->abi_major != PORTICO_ABI_MAJOR)
        return refuse(who + " targets ABI " + declared.abiVersion() + "; this host implements ABI " +
                      std::to_string(PORTICO_ABI_MAJOR) + "." + std::to_string(PORTICO_ABI_MINOR));
    if (status != PORTICO_OK) return refuse(who + " failed to initialize (status " + std::to_string(status) + ")");
    if (!validName(declared.name)) return refuse(who + " has an invalid name (want 1-64 of [a-z0-9_-])");

    const auto descriptor = zeroExtendedCopy<portico_plugin_descriptor>(raw, raw->struct_size);
    declared.flags = descriptor.flags;
    declared.description = std::string(toView(descriptor.description).substr(0, 512));
    if (declared.kind != PORTICO_KIND_PROVIDER && declared.kind != PORTICO_KIND_OBSERVER &&
        declared.kind != PORTICO_KIND_GUARDRAIL)
        return refuse(who + " declares unknown kind " + std::to_string(declared.kind));
    if (!descriptor.vtable) return refuse(who + " has no vtable");
    const size_t vtable_size = *static_cast<const size_t*>(descriptor.vtable);
    const size_t minimum_vtable = sizeof(size_t) + 2 * sizeof(uint32_t) + 2 * sizeof(void*);  // through destroy
    if (vtable_size < minimum_vtable || vtable_size > kMaxSaneStructSize)
        return refuse(who + " vtable struct_size " + std::to_string(vtable_size) + " is not sane");

    auto library = std::make_shared<PluginLibrary>(declared, std::move(object), std::move(init_context));
    switch (declared.kind) {
        case PORTICO_KIND_PROVIDER:
            library->vtables_.provider = zeroExtendedCopy<portico_provider_vtable>(descriptor.vtable, vtable_size);
            break;
        case PORTICO_KIND_OBSERVER:
            library->vtables_.observer = zeroExtendedCopy<portico_observer_vtable>(descriptor.vtable, vtable_size);
            break;
        case PORTICO_KIND_GUARDRAIL:
            library->vtables_.guardrail = zeroExtendedCopy<portico_guardrail_vtable>(descriptor.vtable, vtable_size);
            break;
    }
    if (const std::string missing = missingSlots(*library); !missing.empty())
        return refuse(who + " is missing required " + kindName(declared.kind) + " functions: " + missing);
    return library;
}

}  // namespace portico::plugins
