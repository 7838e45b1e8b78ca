#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/Config.h"
#include "plugins/ProviderInstance.h"

namespace portico::routing {

/// A deployment ready to serve: its config and its provider instance.
struct Route {
    std::shared_ptr<const config::Deployment> deployment;
    std::shared_ptr<plugins::ProviderInstance> provider;
};

/// model_name → deployments (a LiteLLM model group). Immutable once built; lookups take no lock.
class ModelTable {
public:
    void add(Route route);
    /// A deployment of the group, chosen at random by weight; nullptr for an unknown model.
    const Route* select(std::string_view model_name) const;
    /// Public model names in config order.
    const std::vector<std::string>& modelNames() const { return names_; }
    /// Every route (for reuse of provider instances across reloads).
    std::vector<const Route*> routes() const;

private:
    struct Group {
        std::vector<Route> routes;
        double total_weight = 0;
    };
    struct TransparentHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, Group, TransparentHash, std::equal_to<>> groups_;
    std::vector<std::string> names_;
};

}  // namespace portico::routing
