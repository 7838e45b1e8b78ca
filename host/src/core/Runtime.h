#pragma once
#include <memory>
#include <string>
#include <vector>

#include "config/Config.h"
#include "plugins/GuardrailInstance.h"
#include "plugins/PluginSet.h"
#include "routing/ModelTable.h"

namespace portico::core {

/// What a request needs from the plugin world and the reloadable config, as one immutable
/// snapshot. A request holds its shared_ptr for its whole life; a reload (admin call, SIGHUP,
/// plugin directory watch) swaps in a new one, and the old one (with any plugin that was
/// removed) goes away when the last request using it finishes.
struct Runtime {
    /// The config this snapshot was built from: model_list, plugins.observers/guardrails and the
    /// master key follow SIGHUP; server.* stays as the process started (Gateway::config()).
    std::shared_ptr<const config::Config> config = std::make_shared<const config::Config>();
    std::shared_ptr<const plugins::PluginSet> plugins = std::make_shared<const plugins::PluginSet>();
    routing::ModelTable models;
    std::vector<std::shared_ptr<plugins::GuardrailInstance>> guardrails;
};

}  // namespace portico::core
