#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "plugins/PluginLibrary.h"

namespace portico::plugins {

/// What an instance was created from: the loaded library (which fixes its kind and name) and its
/// config JSON. A reload reuses an instance only for the same identity, never by list position,
/// so entries that failed to create cannot shift other entries onto the wrong instance.
struct InstanceIdentity {
    const PluginLibrary* library = nullptr;
    std::string config_json;

    auto operator<=>(const InstanceIdentity&) const = default;
};

template <typename Instance>
InstanceIdentity identityOf(const Instance& instance) {
    return {&instance.library(), instance.configJson()};
}

/// The previous snapshot's instances (providers, guardrails, observer queues), offered for reuse.
/// Each is taken at most once: two identical entries get one old instance each. Comparing library
/// addresses is safe because an offered instance keeps its library alive.
template <typename Reusable>
class ReusableInstances {
public:
    void offer(InstanceIdentity identity, std::shared_ptr<Reusable> instance) {
        if (instance) instances_.emplace(std::move(identity), std::move(instance));
    }
    /// The old instance for `identity`, removed from the pool; nullptr if none is left.
    std::shared_ptr<Reusable> take(const InstanceIdentity& identity) {
        const auto it = instances_.find(identity);
        if (it == instances_.end()) return nullptr;
        auto instance = std::move(it->second);
        instances_.erase(it);
        return instance;
    }

private:
    std::multimap<InstanceIdentity, std::shared_ptr<Reusable>> instances_;
};

}  // namespace portico::plugins
