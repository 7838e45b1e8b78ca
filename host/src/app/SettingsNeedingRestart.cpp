#include "app/SettingsNeedingRestart.h"

#include <utility>

namespace portico::app {
namespace {

using config::ServerSettings;

/// The server keys an operator most likely expects to move, named one by one in the warning.
constexpr std::pair<const char*, int ServerSettings::*> kNamedServerNumbers[] = {
    {"server.port", &ServerSettings::port},
    {"server.max_threads", &ServerSettings::max_threads},
    {"server.min_threads", &ServerSettings::min_threads},
    {"server.listen_backlog", &ServerSettings::listen_backlog},
    {"server.thread_stack_kb", &ServerSettings::thread_stack_kb},
    {"server.max_keep_alive_requests", &ServerSettings::max_keep_alive_requests},
};

}  // namespace

std::vector<std::string> settingsNeedingRestart(const config::Config& running, const config::Config& next) {
    std::vector<std::string> changed;
    // `rest` becomes `next` with the named keys taken from `running`, to find any other change.
    ServerSettings rest = next.server;
    if (running.server.host != next.server.host) changed.emplace_back("server.host");
    rest.host = running.server.host;
    for (const auto& [name, field] : kNamedServerNumbers) {
        if (running.server.*field != next.server.*field) changed.emplace_back(name);
        rest.*field = running.server.*field;
    }
    // Every server.* key is read once at start.
    if (!(rest == running.server)) changed.emplace_back("other server.* settings");
    if (running.plugins.directory != next.plugins.directory) changed.emplace_back("plugins.directory");
    if (running.plugins.watch != next.plugins.watch) changed.emplace_back("plugins.watch");
    return changed;
}

}  // namespace portico::app
