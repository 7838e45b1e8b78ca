#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::guardrails::blocked_words {

/// The guardrail's config object (`plugins.guardrails[].config`), validated at create so a
/// guardrail that would silently block nothing (no words, a misspelled key) refuses to start.
struct BlockedWordsConfig {
    /// Terms to block: single words or phrases, matched as whole words.
    std::vector<std::string> words;
    /// Off by default: "Forbidden" and "FORBIDDEN" are the same term to a reader.
    bool case_sensitive = false;

    /// Parses the config JSON. Messages never quote a configured word: the list is policy, and
    /// create errors end up in logs and admin responses.
    /// @return the config, or nullopt with `error` set.
    static std::optional<BlockedWordsConfig> parse(std::string_view config_json, std::string& error);
};

}  // namespace portico::guardrails::blocked_words
