#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace portico::config {

/// `server:` — how the HTTP server is sized. Idle connections and connections still sending their
/// request head are held by a poller thread, not a request thread; max_threads bounds the requests
/// served at once (streams included), max_connections the open connections.
struct ServerSettings {
    std::string host = "127.0.0.1";
    int port = 4000;
    int max_threads = 2048;            ///< requests served at once, streams included (threads start on demand)
    int min_threads = 8;               ///< pre-started threads
    int max_connections = 20000;       ///< open client connections; beyond, new ones get a quick 503
    int header_timeout_s = 30;         ///< a request head must be complete this long after its first byte
    int listen_backlog = 4096;
    int thread_stack_kb = 256;         ///< virtual size only; RSS is what the thread touches
    int keep_alive_timeout_s = 15;
    int max_keep_alive_requests = 0;   ///< 0 = unlimited
    std::size_t max_body_bytes = 4u << 20;
    /// Largest upstream response body, and largest single event of an upstream stream (a stream
    /// may be longer): a broken or hostile upstream must not grow the process without bound.
    std::size_t max_upstream_body_bytes = std::size_t{64} << 20;
    int request_timeout_s = 600;       ///< default upstream read timeout when a model sets none
    int connect_timeout_s = 10;
    int send_timeout_s = 30;           ///< a client that stops reading a stream is dropped after this
    int shutdown_grace_s = 30;         ///< SIGTERM: wait this long for requests in flight
    std::string log_level = "info";
    std::string upstream_ca_file;      ///< CA bundle for upstream TLS; empty = system CAs
    bool upstream_verify_tls = true;

    /// Equal settings need no restart after SIGHUP (none of these is applied live).
    bool operator==(const ServerSettings&) const = default;
};

/// One `model_list` entry, as LiteLLM writes it.
struct Deployment {
    std::string id;              ///< "<model_name>#<index in model_list>", stable across reloads
    std::string model_name;      ///< public name clients send
    std::string provider;        ///< "openai" from litellm_params.model "openai/gpt-4o-mini"
    std::string upstream_model;  ///< "gpt-4o-mini"
    std::string api_base;        ///< empty = provider default
    std::string api_key;         ///< resolved secret (os.environ/NAME); never log
    double timeout_s = 0;        ///< 0 = server.request_timeout_s
    long rpm = 0;
    long tpm = 0;
    double weight = 1;
    std::string params_json = "{}";      ///< litellm_params without api_key, as a JSON object
    std::string model_info_json = "{}";  ///< model_info as a JSON object
};

/// One configured observer or guardrail: which plugin, and the JSON object it is created with.
struct PluginInstanceConfig {
    std::string name;
    std::string config_json = "{}";
};

/// `plugins:`
struct PluginSettings {
    std::string directory;  ///< empty = the build's plugin directory (PORTICO_DEFAULT_PLUGIN_DIR)
    std::vector<PluginInstanceConfig> observers;
    std::vector<PluginInstanceConfig> guardrails;
    bool watch = false;  ///< reload on their own when libraries appear in / vanish from `directory` (inotify)
};

struct Config {
    std::string source_path;
    ServerSettings server;
    std::vector<Deployment> model_list;
    PluginSettings plugins;
    std::string master_key;             ///< general_settings.master_key, resolved; may be empty
    std::vector<std::string> warnings;  ///< unknown keys etc.: logged at start, not fatal
};

/// Invalid configuration. what() names the file and the key: "etc/x.yaml: server.port: must be ...".
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Reads and validates a config file. Throws ConfigError.
Config loadConfig(const std::string& path);
/// Same, from text; `source_name` is used in messages.
Config parseConfig(std::string_view yaml, const std::string& source_name);

/// Resolves LiteLLM's "os.environ/NAME" references; other values are returned unchanged.
/// Throws ConfigError naming `key` if the variable is unset.
std::string resolveEnvReference(const std::string& value, const std::string& source_name, const std::string& key);

}  // namespace portico::config
