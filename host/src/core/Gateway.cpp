#include "core/Gateway.h"

#include "core/Log.h"

namespace portico::core {
namespace {

constexpr std::size_t kObserverQueueCapacity = 10'000;

upstream::PoolOptions poolOptions(const config::ServerSettings& server) {
    upstream::PoolOptions options;
    options.ca_file = server.upstream_ca_file;
    options.verify_tls = server.upstream_verify_tls;
    return options;
}

/// The reusable instance from the previous snapshot: same slot, same library (not reloaded).
template <typename Instance>
std::shared_ptr<Instance> reusable(const std::vector<std::shared_ptr<Instance>>& previous, std::size_t index,
                                   const std::shared_ptr<const plugins::PluginLibrary>& library) {
    if (index < previous.size() && previous[index] && &previous[index]->library() == library.get()) return previous[index];
    return nullptr;
}

}  // namespace

Gateway::Gateway(config::Config config, std::string master_key, std::string plugin_directory)
    : config_(std::move(config)),
      master_key_(std::move(master_key)),
      upstream_(poolOptions(config_.server)),
      registry_(std::move(plugin_directory), &upstream_),
      runtime_(std::make_shared<const Runtime>()) {
    for (const config::Deployment& deployment : config_.model_list)
        deployments_.push_back(std::make_shared<const config::Deployment>(deployment));
}

Gateway::~Gateway() { stopObservers(); }

void Gateway::start() {
    core::Log::info("plugins", "scanning " + registry_.directory());
    rebuild(registry_.scan());
}

std::shared_ptr<const plugins::PluginSet> Gateway::reloadPlugins() {
    auto plugins = registry_.scan();
    rebuild(plugins);
    return plugins;
}

void Gateway::stopObservers() {
    events_.stopAll(std::chrono::seconds(config_.server.shutdown_grace_s > 0 ? 5 : 1));
}

void Gateway::rebuild(std::shared_ptr<const plugins::PluginSet> plugins) {
    std::lock_guard lock(rebuild_mutex_);
    const auto previous = runtime();
    auto next = std::make_shared<Runtime>();
    next->plugins = plugins;

    // Providers: one instance per deployment, kept across reloads while its library stays.
    std::vector<std::shared_ptr<plugins::ProviderInstance>> previous_providers(deployments_.size());
    for (const routing::Route* route : previous->models.routes())
        for (std::size_t i = 0; i < deployments_.size(); ++i)
            if (deployments_[i] == route->deployment) previous_providers[i] = route->provider;
    for (std::size_t i = 0; i < deployments_.size(); ++i) {
        const auto& deployment = deployments_[i];
        const auto library = plugins->find(PORTICO_KIND_PROVIDER, deployment->provider);
        if (!library) {
            Log::warn("routing", "model '" + deployment->model_name + "': provider plugin '" + deployment->provider +
                                     "' is not loaded; deployment " + deployment->id + " unavailable");
            continue;
        }
        auto provider = reusable(previous_providers, i, library);
        try {
            if (!provider) provider = std::make_shared<plugins::ProviderInstance>(library, deployment->params_json, &upstream_);
            next->models.add({deployment, provider});
        } catch (const std::exception& e) {
            Log::error("routing", "model '" + deployment->model_name + "': " + e.what());
        }
    }

    // Guardrails and observers: configured instances of loaded plugins, in config order.
    const auto& guardrail_configs = config_.plugins.guardrails;
    for (std::size_t i = 0; i < guardrail_configs.size(); ++i) {
        const auto library = plugins->find(PORTICO_KIND_GUARDRAIL, guardrail_configs[i].name);
        if (!library) {
            Log::error("guardrail", "'" + guardrail_configs[i].name + "' is configured but not loaded");
            continue;
        }
        try {
            auto guardrail = reusable(previous->guardrails, i, library);
            if (!guardrail)
                guardrail = std::make_shared<plugins::GuardrailInstance>(library, guardrail_configs[i].config_json, &upstream_);
            next->guardrails.push_back(guardrail);
        } catch (const std::exception& e) {
            Log::error("guardrail", e.what());
        }
    }

    observe::EventBus::Queues queues;
    const auto current_queues = events_.current();
    const auto& observer_configs = config_.plugins.observers;
    for (std::size_t i = 0; i < observer_configs.size(); ++i) {
        const auto library = plugins->find(PORTICO_KIND_OBSERVER, observer_configs[i].name);
        if (!library) {
            Log::error("observe", "observer '" + observer_configs[i].name + "' is configured but not loaded");
            continue;
        }
        if (i < current_queues.size() && &current_queues[i]->observer().library() == library.get()) {
            queues.push_back(current_queues[i]);
            continue;
        }
        try {
            auto observer = std::make_shared<plugins::ObserverInstance>(library, observer_configs[i].config_json, &upstream_);
            queues.push_back(std::make_shared<observe::ObserverQueue>(observer, kObserverQueueCapacity));
        } catch (const std::exception& e) {
            Log::error("observe", e.what());
        }
    }
    events_.replace(std::move(queues), std::chrono::seconds(5));
    runtime_.store(std::move(next), std::memory_order_release);
}

}  // namespace portico::core
