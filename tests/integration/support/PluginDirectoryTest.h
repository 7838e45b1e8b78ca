#pragma once
#include <filesystem>
#include <vector>

#include "support/GatewayTest.h"

namespace portico::itest {

/// A gateway scanning a private copy of the build's plugin directory, so a test can add, replace
/// and remove libraries without touching the build or other tests.
class PluginDirectoryTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        plugin_dir_ = dir_ / "plugins";
        std::filesystem::copy(PORTICO_PLUGIN_DIR, plugin_dir_, std::filesystem::copy_options::recursive);
        for (const auto& file : filesAtStart()) std::filesystem::copy_file(file, plugin_dir_ / file.filename());
        config.plugin_dir = plugin_dir_.string();
        adjustPluginConfig(config);
    }
    /// Extra libraries in the plugin directory when the gateway starts.
    virtual std::vector<std::filesystem::path> filesAtStart() const { return {}; }
    /// Hook for further config changes (the plugin directory is already set).
    virtual void adjustPluginConfig(TestConfig&) {}

    std::filesystem::path plugin_dir_;
};

}  // namespace portico::itest
