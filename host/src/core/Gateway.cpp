#include "core/Gateway.h"

#include <stdexcept>

#include "core/Log.h"
#include "plugins/ReusableInstances.h"

namespace portico::core {
namespace {

constexpr std::size_t kObserverQueueCapacity = 10'000;

upstream::PoolOptions poolOptions(const config::ServerSettings& server) {
    upstream::PoolOptions options;
    options.ca_file = server.upstream_ca_file;
    options.verify_tls = server.upstream_verify_tls;
    return options;
}

/// One configured instance of a loaded plugin: the previous snapshot's instance of the same
/// library and config if there is one left, else a new one from `create`. nullptr (logged) when
/// the plugin is not loaded or refuses its config. The one path for providers, guardrails and
/// observers, so reuse follows the same rule for all three.
template <typename Reusable, typename Create>
std::shared_ptr<Reusable> instanceFor(plugins::ReusableInstances<Reusable>& previous, const plugins::PluginSet& plugins,
                                      int kind, const std::string& plugin_name, const std::string& config_json,
                                      const char* component, const std::string& what, Create create) {
    const auto library = plugins.find(kind, plugin_name);
    if (!library) {
        Log::warn(component, what + ": plugin '" + plugin_name + "' is not loaded; unavailable");
        return nullptr;
    }
    if (auto reused = previous.take({library.get(), config_json})) return reused;
    try {
        return create(library);
    } catch (const std::exception& e) {
        Log::error(component, what + ": " + e.what());
        return nullptr;
    }
}

}  // namespace

Gateway::Gateway(config::Config config)
    : config_(std::move(config)),
      upstream_(poolOptions(config_.server)),
      runtime_(std::make_shared<const Runtime>(Runtime{std::make_shared<const config::Config>(config_), {}, {}, {}})) {
    if (config_.master_key.empty()) throw std::invalid_argument("Gateway needs a master key");
}

Gateway::~Gateway() { stopObservers(); }

std::shared_ptr<const plugins::PluginSet> Gateway::reloadPlugins() const {
    if (!reloader_) throw std::logic_error("no plugin reloader installed");
    return reloader_();
}

void Gateway::stopObservers() {
    events_.stopAll(std::chrono::seconds(config_.server.shutdown_grace_s > 0 ? 5 : 1));
}

observe::EventBus::Queues Gateway::install(std::shared_ptr<const config::Config> config,
                                           std::shared_ptr<const plugins::PluginSet> plugins) {
    const auto previous = runtime();
    auto next = std::make_shared<Runtime>();
    next->config = config;
    next->plugins = plugins;

    plugins::ReusableInstances<plugins::ProviderInstance> providers;
    for (const routing::Route* route : previous->models.routes())
        providers.offer(plugins::identityOf(*route->provider), route->provider);
    for (const config::Deployment& entry : config->model_list) {
        // Aliasing pointer: the route shares ownership of the config it came from.
        std::shared_ptr<const config::Deployment> deployment(config, &entry);
        auto provider = instanceFor(providers, *plugins, PORTICO_KIND_PROVIDER, deployment->provider, deployment->params_json,
                                    "routing", "model '" + deployment->model_name + "' (" + deployment->id + ")",
                                    [&](const auto& library) {
                                        return std::make_shared<plugins::ProviderInstance>(library, deployment->params_json,
                                                                                           &upstream_);
                                    });
        if (provider) next->models.add({deployment, std::move(provider)});
    }

    plugins::ReusableInstances<plugins::GuardrailInstance> guardrails;
    for (const auto& guardrail : previous->guardrails) guardrails.offer(plugins::identityOf(*guardrail), guardrail);
    for (const config::PluginInstanceConfig& entry : config->plugins.guardrails) {
        auto guardrail = instanceFor(guardrails, *plugins, PORTICO_KIND_GUARDRAIL, entry.name, entry.config_json, "guardrail",
                                     "guardrail '" + entry.name + "'", [&](const auto& library) {
                                         return std::make_shared<plugins::GuardrailInstance>(library, entry.config_json,
                                                                                             &upstream_);
                                     });
        if (guardrail) next->guardrails.push_back(std::move(guardrail));
    }

    plugins::ReusableInstances<observe::ObserverQueue> observers;
    for (const auto& queue : events_.current()) observers.offer(plugins::identityOf(queue->observer()), queue);
    observe::EventBus::Queues queues;
    for (const config::PluginInstanceConfig& entry : config->plugins.observers) {
        auto queue = instanceFor(observers, *plugins, PORTICO_KIND_OBSERVER, entry.name, entry.config_json, "observe",
                                 "observer '" + entry.name + "'", [&](const auto& library) {
                                     auto observer = std::make_shared<plugins::ObserverInstance>(library, entry.config_json,
                                                                                                 &upstream_);
                                     return std::make_shared<observe::ObserverQueue>(observer, kObserverQueueCapacity);
                                 });
        if (queue) queues.push_back(std::move(queue));
    }
    auto removed = events_.replace(std::move(queues));
    runtime_.store(std::move(next), std::memory_order_release);
    return removed;
}

}  // namespace portico::core
