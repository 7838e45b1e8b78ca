#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/Config.h"
#include "core/Runtime.h"
#include "observe/EventBus.h"
#include "plugins/PluginRegistry.h"
#include "upstream/UpstreamPool.h"

namespace portico::core {

/// The long-lived services every handler receives (never globals): config, upstream pool,
/// plugin registry, event bus and the current Runtime snapshot.
class Gateway {
public:
    /// `master_key` must be non-empty; `plugin_directory` is the resolved directory to scan.
    Gateway(config::Config config, std::string master_key, std::string plugin_directory);
    ~Gateway();

    /// Scans plugins and builds the first runtime. Problems are logged, never fatal.
    void start();
    /// Rescans the plugin directory and swaps in a new runtime. Serialized.
    std::shared_ptr<const plugins::PluginSet> reloadPlugins();
    /// Drains and flushes observers.
    void stopObservers();

    std::shared_ptr<const Runtime> runtime() const { return runtime_.load(std::memory_order_acquire); }
    const config::Config& config() const { return config_; }
    const std::string& masterKey() const { return master_key_; }
    upstream::UpstreamPool& upstream() { return upstream_; }
    const observe::EventBus& events() const { return events_; }

    /// Requests currently being handled (for graceful shutdown).
    std::atomic<int>& inFlight() { return in_flight_; }

private:
    void rebuild(std::shared_ptr<const plugins::PluginSet> plugins);

    config::Config config_;
    std::string master_key_;
    std::vector<std::shared_ptr<const config::Deployment>> deployments_;
    upstream::UpstreamPool upstream_;
    plugins::PluginRegistry registry_;
    observe::EventBus events_;
    std::mutex rebuild_mutex_;
    std::atomic<std::shared_ptr<const Runtime>> runtime_;
    std::atomic<int> in_flight_{0};
};

}  // namespace portico::core
