#include "config/EnvReference.h"

#include <cstdlib>
#include <utility>

#include "config/Config.h"

namespace portico::config {

std::optional<std::string_view> envReferenceName(std::string_view value) {
    if (!value.starts_with(kEnvReferencePrefix)) return std::nullopt;
    return value.substr(kEnvReferencePrefix.size());
}

std::optional<std::string> environmentValue(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

std::string resolveEnvReference(const std::string& value, const std::string& source_name, const std::string& key) {
    const auto name = envReferenceName(value);
    if (!name) return value;
    if (name->empty())
        throw ConfigError(source_name + ": " + key + ": '" + value + "' names no environment variable");
    auto resolved = environmentValue(std::string(*name));
    if (!resolved)
        throw ConfigError(source_name + ": " + key + ": environment variable " + std::string(*name) +
                          " is not set");
    return *std::move(resolved);
}

}  // namespace portico::config
