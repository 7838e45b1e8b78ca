#pragma once
#include <string>

#include "config/Config.h"

namespace portico::config {

/// The ConfigError message parsing `yaml` (named `source_name`) gives, or "(no error)".
inline std::string configErrorOf(const std::string& yaml, const std::string& source_name) {
    try {
        parseConfig(yaml, source_name);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace portico::config
