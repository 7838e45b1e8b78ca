#pragma once
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/Config.h"
#include "config/NodeReader.h"

namespace portico::config {

/// One parser per top-level section of the config file. Each takes the section's node (null when
/// the section is absent), validates it, and records warnings for keys it does not know.

/// `server:` → ServerSettings, defaults for absent keys.
ServerSettings parseServerSection(NodeReader& reader, const YAML::Node& node);

/// `model_list:` → deployments. Entries whose api_key names an unset variable are skipped with a
/// warning, so one config can list providers whose keys only some environments have.
std::vector<Deployment> parseModelList(NodeReader& reader, const YAML::Node& node);

/// `plugins:` → directory plus observer and guardrail instances.
PluginSettings parsePluginsSection(NodeReader& reader, const YAML::Node& node);

}  // namespace portico::config
