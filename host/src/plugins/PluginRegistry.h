#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "plugins/PluginLoader.h"
#include "plugins/PluginSet.h"

namespace portico::plugins {

/// Scans the plugin directory (and its immediate subdirectories) for *.so files. A rescan keeps
/// libraries already loaded from the same path, loads new files, and drops removed ones — a
/// dropped library stays mapped until the last instance using it is gone (requests drain).
class PluginRegistry {
public:
    PluginRegistry(std::string directory, upstream::UpstreamPool* pool);

    /// Thread-safe; scans are serialized.
    std::shared_ptr<const PluginSet> scan();
    const std::string& directory() const { return directory_; }

private:
    std::string directory_;
    PluginLoader loader_;
    std::mutex scan_mutex_;
    std::shared_ptr<const PluginSet> current_;
};

}  // namespace portico::plugins
