#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "config/Config.h"
#include "core/Runtime.h"
#include "observe/EventBus.h"
#include "plugins/PluginSet.h"
#include "upstream/UpstreamPool.h"

namespace portico::core {

/// The long-lived services every handler receives (never globals): the startup config, upstream
/// pool, event bus and the current Runtime snapshot. What a reload changes is installed by the
/// control thread (app::ReloadController), the only caller of install().
class Gateway {
public:
    /// `config.master_key` must be non-empty (already resolved from the environment, the file or
    /// generated).
    explicit Gateway(config::Config config);
    ~Gateway();

    /// Builds a runtime from `config` and `plugins` and makes it current. Instances of the
    /// current runtime are reused when their library and config are unchanged. Returns the
    /// observer queues no longer used; the caller stops them (drains) when it suits it, so a
    /// reload's answer never waits for an observer. Not thread-safe: one caller (control thread).
    observe::EventBus::Queues install(std::shared_ptr<const config::Config> config,
                                      std::shared_ptr<const plugins::PluginSet> plugins);

    /// Who performs POST /admin/v1/plugins/reload: set once, before the server starts.
    using PluginReloader = std::function<std::shared_ptr<const plugins::PluginSet>()>;
    void setPluginReloader(PluginReloader reloader) { reloader_ = std::move(reloader); }
    /// Rescans the plugin directory (through the reloader) and returns what the scan found.
    std::shared_ptr<const plugins::PluginSet> reloadPlugins() const;
    /// Drains and flushes observers.
    void stopObservers();

    std::shared_ptr<const Runtime> runtime() const { return runtime_.load(std::memory_order_acquire); }
    /// The config the process started with. Its server.* settings are the ones in force; the
    /// reloadable sections live in runtime()->config.
    const config::Config& config() const { return config_; }
    /// The master key in force (from the current runtime, as SIGHUP may change it).
    std::string masterKey() const { return runtime()->config->master_key; }
    upstream::UpstreamPool& upstream() { return upstream_; }
    const observe::EventBus& events() const { return events_; }

private:
    config::Config config_;
    upstream::UpstreamPool upstream_;
    observe::EventBus events_;
    PluginReloader reloader_;
    std::atomic<std::shared_ptr<const Runtime>> runtime_;
};

}  // namespace portico::core
