#include <Poco/RandomStream.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <pthread.h>
#include <sys/resource.h>
#include <thread>

#include "api/Routes.h"
#include "app/ReloadController.h"
#include "cli/Commands.h"
#include "config/Config.h"
#include "core/Gateway.h"
#include "core/Log.h"
#include "http/HttpServer.h"

#ifndef PORTICO_DEFAULT_PLUGIN_DIR
#define PORTICO_DEFAULT_PLUGIN_DIR "plugins"
#endif

namespace portico::cli {
namespace {

using core::Log;

std::string generateMasterKey() {
    Poco::RandomInputStream random;
    std::string key = "sk-portico-";
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) key.push_back(kHex[random.get() & 0xf]);
    return key;
}

/// Blocks the termination signals and SIGHUP in this thread before any other thread exists, so
/// every thread inherits the mask and only sigwait() in main sees them.
sigset_t blockServeSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

int parsePort(const std::string& text) {
    char* end = nullptr;
    const long port = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || port < 0 || port > 65535) throw std::invalid_argument("invalid port '" + text + "'");
    return static_cast<int>(port);
}

/// The config file with the command line's and the environment's overrides, the same way at start
/// and on SIGHUP. An empty master_key means none is configured. Throws config::ConfigError, or
/// std::invalid_argument for a bad --port.
config::Config effectiveConfig(const CommandLine& line, const std::string& path) {
    config::Config config = config::loadConfig(path);
    config.server.host = optionOrEnv(line, "host", "PORTICO_HOST", config.server.host);
    config.server.port = parsePort(optionOrEnv(line, "port", "PORTICO_PORT", std::to_string(config.server.port)));
    config.master_key = envOr("PORTICO_MASTER_KEY", config.master_key);
    return config;
}

/// SIGHUP: re-read the file and hand it to the control thread; a file that does not parse
/// changes nothing.
void reloadConfigFile(const CommandLine& line, const std::string& path, app::ReloadController& reloads) {
    Log::info("config", "SIGHUP: re-reading " + path);
    try {
        config::Config config = effectiveConfig(line, path);
        for (const std::string& warning : config.warnings) Log::warn("config", warning);
        reloads.requestConfig(std::move(config));
    } catch (const std::exception& error) {
        Log::error("config", std::string(error.what()) + "; keeping the running configuration");
    }
}

/// sigwait()s until SIGTERM or SIGINT, which it returns; each SIGHUP in between runs `on_hangup`.
int waitForTermination(const sigset_t& signals, const std::function<void()>& on_hangup) {
    while (true) {
        int signal_number = 0;
        if (sigwait(&signals, &signal_number) != 0) continue;
        if (signal_number != SIGHUP) return signal_number;
        on_hangup();
    }
}

/// Waits for requests in flight to finish, up to the grace period; then aborts what is left.
/// Observers are stopped only after this, so the events of the last responses still reach them.
void drain(http::HttpServer& server, int grace_s) {
    if (server.awaitIdle(std::chrono::steady_clock::now() + std::chrono::seconds(grace_s))) return;
    Log::warn("server", "requests still in flight after " + std::to_string(grace_s) + " s; aborting them");
    server.abortRequests();
    server.awaitIdle(std::chrono::steady_clock::now() + std::chrono::seconds(5));
}

/// Every open connection holds a descriptor (two for a stream: client and upstream), and Debian's
/// default soft limit of 1024 would cap the gateway long before server.max_connections.
void raiseDescriptorLimit(int max_connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < static_cast<rlim_t>(max_connections) * 2)
        Log::warn("server", "ulimit -n is " + std::to_string(limit.rlim_max) + ", below 2 x server.max_connections (" +
                                std::to_string(max_connections) + "): raise it (systemd LimitNOFILE=)");
}

}  // namespace

int runServe(const CommandLine& line) {
    if (line.flag("help")) {
        std::cout << "usage: portico serve [--config FILE] [--host ADDR] [--port N]\n"
                     "  --config FILE  config file (env PORTICO_CONFIG, default etc/portico.yaml)\n"
                     "  --host ADDR    listen address (env PORTICO_HOST, default server.host or 127.0.0.1)\n"
                     "  --port N       listen port, 0 picks a free one (env PORTICO_PORT, default server.port or 4000)\n"
                     "The master key comes from PORTICO_MASTER_KEY, else general_settings.master_key; if neither is\n"
                     "set, one is generated and printed once. Stdout carries only `PORTICO_MASTER_KEY=...` and\n"
                     "`listening on http://HOST:PORT`; logs go to stderr.\n";
        return 0;
    }
    const sigset_t signals = blockServeSignals();
    std::signal(SIGPIPE, SIG_IGN);

    config::Config config;
    const std::string config_path = optionOrEnv(line, "config", "PORTICO_CONFIG", "etc/portico.yaml");
    try {
        config = effectiveConfig(line, config_path);
    } catch (const config::ConfigError& error) {
        std::cerr << "portico: invalid configuration: " << error.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& error) {
        std::cerr << "portico: " << error.what() << "\n";
        return 2;
    }
    Log::setLevel(core::parseLogLevel(config.server.log_level));
    for (const std::string& warning : config.warnings) Log::warn("config", warning);

    if (config.master_key.empty()) {
        config.master_key = generateMasterKey();
        std::cout << "PORTICO_MASTER_KEY=" << config.master_key << std::endl;
        Log::warn("auth", "no master key configured; generated one (printed once on stdout)");
    }
    std::string plugin_dir = config.plugins.directory;
    if (plugin_dir.empty()) plugin_dir = envOr("PORTICO_PLUGIN_DIR", PORTICO_DEFAULT_PLUGIN_DIR);

    const int grace_s = config.server.shutdown_grace_s;
    raiseDescriptorLimit(config.server.max_connections);
    core::Gateway gateway(std::move(config));
    app::ReloadController reloads(gateway, plugin_dir);  // the control thread; first scan done on return
    gateway.setPluginReloader([&reloads] { return reloads.rescan(); });
    std::unique_ptr<http::HttpServer> server;
    try {
        server = std::make_unique<http::HttpServer>(gateway.config().server, api::buildRoutes(gateway));
    } catch (const std::exception& error) {
        std::cerr << "portico: cannot listen on " << gateway.config().server.host << ":" << gateway.config().server.port
                  << ": " << error.what() << "\n";
        return 1;
    }
    server->start();
    Log::info("server", "portico " PORTICO_VERSION " listening on http://" + server->host() + ":" + std::to_string(server->port()) +
                            " (config " + config_path + ")");
    std::cout << "listening on http://" << server->host() << ":" << server->port() << std::endl;

    const int signal_number = waitForTermination(signals, [&] { reloadConfigFile(line, config_path, reloads); });
    reloads.stop();  // no reload from here on
    Log::info("server", std::string("received ") + (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") +
                            ": no new connections; finishing requests in flight");
    server->stopAccepting();
    drain(*server, grace_s);
    gateway.stopObservers();
    server.reset();
    Log::info("server", "stopped");
    return 0;
}

}  // namespace portico::cli
