#include "app/ReloadController.h"

#include "app/PluginDirectoryWatcher.h"
#include "app/SettingsNeedingRestart.h"
#include "core/GatewayError.h"
#include "core/Log.h"

namespace portico::app {
namespace {

using core::Log;

/// Observers removed by a reload get this long to deliver what they hold and flush.
constexpr std::chrono::seconds kRemovedObserverFlushBudget{5};

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

ReloadController::ReloadController(core::Gateway& gateway, std::string plugin_directory)
    : gateway_(gateway),
      registry_(std::move(plugin_directory), &gateway.upstream()),
      config_(gateway.runtime()->config),
      thread_([this] { run(); }) {
    Log::info("plugins", "scanning " + registry_.directory());
    try {
        rescan();
    } catch (...) {
        stop();  // a joinable thread must not outlive a constructor that throws
        throw;
    }
    if (config_->plugins.watch)
        watcher_ = std::make_unique<PluginDirectoryWatcher>(registry_.directory(), [this] { requestRescan(); });
}

ReloadController::~ReloadController() { stop(); }

std::shared_ptr<const plugins::PluginSet> ReloadController::rescan() {
    Pending request;
    request.rescan = true;
    auto answer = request.waiters.emplace_back().get_future();
    post(std::move(request));
    return answer.get();
}

void ReloadController::requestRescan() {
    Pending request;
    request.rescan = true;
    post(std::move(request));
}

void ReloadController::requestConfig(config::Config config) {
    Pending request;
    request.config = std::move(config);
    post(std::move(request));
}

void ReloadController::post(Pending request) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        for (auto& waiter : request.waiters)
            waiter.set_exception(std::make_exception_ptr(
                core::GatewayError(503, "server_error", {}, "the gateway is shutting down; plugins are not reloaded")));
        return;
    }
    pending_.rescan = pending_.rescan || request.rescan;
    if (request.config) pending_.config = std::move(request.config);
    for (auto& waiter : request.waiters) pending_.waiters.push_back(std::move(waiter));
    wake_.notify_one();
}

void ReloadController::stop() {
    watcher_.reset();  // no new requests from the directory after this
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

void ReloadController::run() {
    while (true) {
        Pending work;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_.rescan || pending_.config; });
            // Work already posted is still done when stopping, so no caller is left without an answer.
            if (!pending_.rescan && !pending_.config) return;
            work = std::move(pending_);
            pending_ = Pending{};
        }
        reload(work);
    }
}

void ReloadController::reload(Pending& work) {
    observe::EventBus::Queues removed;
    try {
        if (work.config) config_ = adopt(std::move(*work.config));
        auto plugins = registry_.scan();
        removed = gateway_.install(config_, plugins);
        for (auto& waiter : work.waiters) waiter.set_value(plugins);
    } catch (const std::exception& e) {
        Log::error("plugins", std::string("reload failed: ") + e.what());
        for (auto& waiter : work.waiters) waiter.set_exception(std::current_exception());
    }
    // After answering: a removed observer may take seconds to deliver what it still holds.
    for (const auto& queue : removed) queue->stop(kRemovedObserverFlushBudget);
}

std::shared_ptr<const config::Config> ReloadController::adopt(config::Config next) const {
    if (next.master_key.empty()) next.master_key = config_->master_key;
    if (const auto restart = settingsNeedingRestart(*config_, next); !restart.empty())
        Log::warn("config", "changed settings not applied until restart: " + joined(restart));
    Log::info("config", "applying " + next.source_path + " (models, observers, guardrails, master key)");
    // What the process keeps from its start: the server section and the plugin directory.
    next.server = config_->server;
    next.plugins.directory = config_->plugins.directory;
    next.plugins.watch = config_->plugins.watch;
    return std::make_shared<const config::Config>(std::move(next));
}

}  // namespace portico::app
