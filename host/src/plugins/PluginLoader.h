#pragma once
#include <memory>
#include <string>
#include <variant>

#include "plugins/PluginLibrary.h"

namespace portico::upstream {
class UpstreamPool;
}

namespace portico::plugins {

/// Why a library was not loaded. `declaration` holds whatever could be read (always the path;
/// name, kind and ABI when the frozen descriptor prefix was readable).
struct LoadRefusal {
    PluginDeclaration declaration;
    std::string reason;
};

using LoadOutcome = std::variant<std::shared_ptr<PluginLibrary>, LoadRefusal>;

/// Runs the ABI negotiation for one file: dlopen, entry symbol, descriptor prefix, ABI major,
/// zero-extended descriptor and vtable copies, required slots. Never throws for a bad plugin.
class PluginLoader {
public:
    explicit PluginLoader(upstream::UpstreamPool* pool) : pool_(pool) {}
    /// A relative `path` is resolved against the working directory, as a user typing it means.
    LoadOutcome load(const std::string& path) const;

private:
    upstream::UpstreamPool* pool_;
};

}  // namespace portico::plugins
