#pragma once
#include <memory>
#include <vector>

#include "plugins/GuardrailInstance.h"
#include "plugins/PluginSet.h"
#include "routing/ModelTable.h"

namespace portico::core {

/// What a request needs from the plugin world, as one immutable snapshot. A request holds its
/// shared_ptr for its whole life; a reload swaps in a new one, and the old one (with any
/// plugin that was removed) goes away when the last request using it finishes.
struct Runtime {
    std::shared_ptr<const plugins::PluginSet> plugins;
    routing::ModelTable models;
    std::vector<std::shared_ptr<plugins::GuardrailInstance>> guardrails;
};

}  // namespace portico::core
