#pragma once
#include <portico/plugin.h>

#include <string>

namespace portico::upstream {
class UpstreamPool;
}

namespace portico::plugins {

/// What a plugin's `handle` points at: who is calling (for log attribution) and, for an
/// instance, the config it was created with. Owns the portico_host handed to the plugin.
class HostContext {
public:
    HostContext(std::string plugin_name, std::string config_json, upstream::UpstreamPool* pool);
    HostContext(const HostContext&) = delete;
    HostContext& operator=(const HostContext&) = delete;

    const portico_host* host() const { return &host_; }
    const std::string& pluginName() const { return plugin_name_; }
    const std::string& configJson() const { return config_json_; }
    upstream::UpstreamPool* pool() const { return pool_; }

private:
    std::string plugin_name_;
    std::string config_json_;
    upstream::UpstreamPool* pool_;
    portico_host host_{};
};

/// The host services table shared by every plugin (static functions, no state of its own).
const portico_host_api* hostApi();

/// "portico 0.1.0"
const std::string& hostVersionString();

}  // namespace portico::plugins
