#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/YamlScalar.h"

namespace portico::config {

/// Reads yaml-cpp nodes into typed values so every section parser reports problems the same way:
/// "<file>: <key path>: <problem>", with key paths like `model_list[2].litellm_params.timeout`.
/// Warnings go to the Config being built; errors throw ConfigError.
class NodeReader {
public:
    using Entry = std::pair<std::string, YAML::Node>;

    /// Nesting beyond this is refused: yaml-cpp builds cyclic graphs from self-referencing
    /// aliases (`a: &x {b: *x}`), and walking one would never end.
    static constexpr int kMaxDepth = 64;

    NodeReader(std::string source_name, std::vector<std::string>& warnings);

    const std::string& source() const { return source_; }

    [[noreturn]] void fail(const std::string& path, const std::string& problem) const;
    void warn(const std::string& path, const std::string& problem);

    static std::string child(const std::string& path, std::string_view key);
    static std::string item(const std::string& path, std::size_t index);

    /// The entries of a mapping in document order (null = no entries). Applies YAML merge keys
    /// (`<<: *defaults`), which LiteLLM configs use and yaml-cpp leaves to the reader; explicit
    /// keys win over merged ones. A repeated key warns and the last value wins, as in PyYAML.
    std::vector<Entry> entries(const YAML::Node& node, const std::string& path, int depth = 0);

    /// Type-resolves a scalar: quoted → string, plain → core schema, !!str/!!int/... honoured.
    ScalarValue scalar(const YAML::Node& node, const std::string& path);

    /// Any scalar's text (null → ""); a mapping or sequence is an error.
    std::string text(const YAML::Node& node, const std::string& path);

    /// Numeric fields also accept YAML 1.1 digit separators (`80_000`), as LiteLLM configs use them.
    long long integer(const ScalarValue& value, const std::string& path, long long min, long long max) const;
    double number(const ScalarValue& value, const std::string& path) const;
    bool boolean(const ScalarValue& value, const std::string& path) const;

private:
    void appendMerged(std::vector<Entry>& out, const YAML::Node& source, const std::string& path, int depth);

    std::string source_;
    std::vector<std::string>& warnings_;
};

}  // namespace portico::config
