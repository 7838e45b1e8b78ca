#include <algorithm>
#include <cctype>
#include <limits>

#include "config/Sections.h"

namespace portico::config {
namespace {

constexpr long long kIntMax = std::numeric_limits<int>::max();
constexpr long long kMinThreadStackKb = 64;

/// The names core::parseLogLevel understands, plus "warning" as Python's logging spells it.
std::string normalizedLogLevel(NodeReader& reader, const std::string& text, const std::string& path) {
    std::string level = text;
    std::transform(level.begin(), level.end(), level.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (level == "warning") level = "warn";
    if (level != "debug" && level != "info" && level != "warn" && level != "error")
        reader.fail(path, "must be one of debug, info, warn, error; found '" + text + "'");
    return level;
}

}  // namespace

ServerSettings parseServerSection(NodeReader& reader, const YAML::Node& node) {
    ServerSettings server;
    const std::string section = "server";
    for (const auto& [key, value] : reader.entries(node, section)) {
        const std::string path = NodeReader::child(section, key);
        if (value.IsNull()) {
            // `port:` with nothing after it: the key is present but says nothing; keep the default.
            if (key == "host" || key == "log_level") reader.fail(path, "must not be empty");
            continue;
        }
        const auto integerIn = [&](long long min, long long max) {
            return reader.integer(reader.scalar(value, path), path, min, max);
        };
        const auto intAtLeast = [&](long long min) { return static_cast<int>(integerIn(min, kIntMax)); };

        if (key == "host") {
            server.host = reader.text(value, path);
        } else if (key == "port") {
            server.port = static_cast<int>(integerIn(0, 65535));
        } else if (key == "max_threads") {
            server.max_threads = intAtLeast(1);
        } else if (key == "min_threads") {
            server.min_threads = intAtLeast(1);
        } else if (key == "max_connections") {
            server.max_connections = intAtLeast(1);
        } else if (key == "header_timeout_s") {
            server.header_timeout_s = intAtLeast(1);
        } else if (key == "max_queued") {
            // Accepted connections no longer wait for a thread: the poller holds them.
            reader.warn(path, "no longer used (connections wait in the poller, bounded by server.max_connections)");
        } else if (key == "listen_backlog") {
            server.listen_backlog = intAtLeast(1);
        } else if (key == "thread_stack_kb") {
            server.thread_stack_kb = intAtLeast(0);
            if (server.thread_stack_kb != 0 && server.thread_stack_kb < kMinThreadStackKb)
                reader.fail(path, "must be 0 (system default) or at least " + std::to_string(kMinThreadStackKb) +
                                      ", found " + std::to_string(server.thread_stack_kb));
        } else if (key == "keep_alive_timeout_s") {
            server.keep_alive_timeout_s = intAtLeast(1);
        } else if (key == "max_keep_alive_requests") {
            server.max_keep_alive_requests = intAtLeast(0);
        } else if (key == "max_body_bytes") {
            server.max_body_bytes = static_cast<std::size_t>(integerIn(1, std::numeric_limits<long long>::max()));
        } else if (key == "max_upstream_body_bytes") {
            server.max_upstream_body_bytes =
                static_cast<std::size_t>(integerIn(1, std::numeric_limits<long long>::max()));
        } else if (key == "request_timeout_s") {
            server.request_timeout_s = intAtLeast(1);
        } else if (key == "connect_timeout_s") {
            server.connect_timeout_s = intAtLeast(1);
        } else if (key == "send_timeout_s") {
            server.send_timeout_s = intAtLeast(1);
        } else if (key == "shutdown_grace_s") {
            server.shutdown_grace_s = intAtLeast(0);
        } else if (key == "log_level") {
            server.log_level = normalizedLogLevel(reader, reader.text(value, path), path);
        } else if (key == "upstream_ca_file") {
            server.upstream_ca_file = reader.text(value, path);
        } else if (key == "upstream_verify_tls") {
            server.upstream_verify_tls = reader.boolean(reader.scalar(value, path), path);
            if (!server.upstream_verify_tls)
                reader.warn(path, "false: upstream TLS certificates are not verified");
        } else {
            reader.warn(path, "unknown key, ignored");
        }
    }
    if (server.host.empty()) reader.fail(NodeReader::child(section, "host"), "must not be empty");
    if (server.min_threads > server.max_threads)
        reader.fail(NodeReader::child(section, "min_threads"),
                    "must not exceed server.max_threads (" + std::to_string(server.max_threads) + "), found " +
                        std::to_string(server.min_threads));
    return server;
}

}  // namespace portico::config
