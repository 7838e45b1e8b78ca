#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portico::observers::jsonl {

/// The observer's config object (`plugins.observers[].config`), validated once at create so a
/// typo is refused at start instead of silently changing where, or how safely, events land.
struct JsonlConfig {
    /// File the events are appended to; created if missing, never truncated.
    std::string path;
    /// Whether flush() also fsyncs: durability at shutdown/reload costs one disk sync.
    bool fsync_on_flush = true;

    /// Parses the config JSON. Unknown keys are refused so a misspelled option is not ignored.
    /// @return the config, or nullopt with `error` set to a message fit for the gateway log.
    static std::optional<JsonlConfig> parse(std::string_view config_json, std::string& error);
};

}  // namespace portico::observers::jsonl
