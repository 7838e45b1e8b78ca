#include "routing/ModelTable.h"

#include <random>

namespace portico::routing {

void ModelTable::add(Route route) {
    const std::string& name = route.deployment->model_name;
    auto [it, inserted] = groups_.try_emplace(name);
    if (inserted) names_.push_back(name);
    it->second.total_weight += route.deployment->weight;
    it->second.routes.push_back(std::move(route));
}

const Route* ModelTable::select(std::string_view model_name) const {
    const auto it = groups_.find(model_name);
    if (it == groups_.end() || it->second.routes.empty()) return nullptr;
    const Group& group = it->second;
    if (group.routes.size() == 1) return &group.routes.front();
    // Per-thread generator: no shared state, no lock on the request path.
    thread_local std::minstd_rand generator{std::random_device{}()};
    double pick = std::uniform_real_distribution<double>(0, group.total_weight)(generator);
    for (const Route& route : group.routes) {
        pick -= route.deployment->weight;
        if (pick < 0) return &route;
    }
    return &group.routes.back();
}

std::vector<const Route*> ModelTable::routes() const {
    std::vector<const Route*> all;
    for (const auto& [name, group] : groups_)
        for (const Route& route : group.routes) all.push_back(&route);
    return all;
}

}  // namespace portico::routing
