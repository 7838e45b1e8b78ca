#pragma once
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/Config.h"
#include "core/Gateway.h"
#include "plugins/PluginRegistry.h"

namespace portico::app {

class PluginDirectoryWatcher;

/// The control thread: the only thread that scans the plugin directory, runs plugins'
/// portico_plugin_init and create, and installs runtimes, so reloads never interleave and
/// plugins see the one thread plugin.h promises. Triggers (the admin call, SIGHUP, the directory
/// watcher) post requests. One reload answers every request posted before it started, since its
/// scan sees at least what each of them saw.
class ReloadController {
public:
    /// Builds the first runtime from the gateway's config (on the control thread; waits for it)
    /// and, with plugins.watch, starts watching `plugin_directory`.
    ReloadController(core::Gateway& gateway, std::string plugin_directory);
    ~ReloadController();
    ReloadController(const ReloadController&) = delete;
    ReloadController& operator=(const ReloadController&) = delete;

    /// Rescans and waits for the scan's result (the admin call needs the loaded/refused list).
    /// Removed observers drain after the answer. Throws core::GatewayError 503 once stopped.
    std::shared_ptr<const plugins::PluginSet> rescan();
    /// Asks for a rescan without waiting (the directory watcher).
    void requestRescan();
    /// Installs a re-read config file (SIGHUP) with a rescan, without waiting. An empty master
    /// key keeps the one in force (it may have been generated at start).
    void requestConfig(config::Config config);
    /// Stops watching, answers waiting callers with an error, finishes the reload under way and
    /// joins. Idempotent.
    void stop();

private:
    struct Pending {
        bool rescan = false;
        std::optional<config::Config> config;  ///< the latest one posted wins
        std::vector<std::promise<std::shared_ptr<const plugins::PluginSet>>> waiters;
    };

    void post(Pending request);
    void run();
    void reload(Pending& work);
    std::shared_ptr<const config::Config> adopt(config::Config next) const;

    core::Gateway& gateway_;
    plugins::PluginRegistry registry_;
    std::shared_ptr<const config::Config> config_;  ///< in force; control thread only after start
    std::mutex mutex_;
    std::condition_variable wake_;
    Pending pending_;
    bool stopping_ = false;
    std::thread thread_;
    std::unique_ptr<PluginDirectoryWatcher> watcher_;
};

}  // namespace portico::app
