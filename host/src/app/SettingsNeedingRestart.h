#pragma once
#include <string>
#include <vector>

#include "config/Config.h"

namespace portico::app {

/// The keys that differ between the running config and a re-read one but only take effect at
/// start (the listening socket, the server's threads, the plugin directory and its watch), by
/// name, so the SIGHUP warning can tell the operator what still needs a restart.
std::vector<std::string> settingsNeedingRestart(const config::Config& running, const config::Config& next);

}  // namespace portico::app
