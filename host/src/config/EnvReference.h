#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace portico::config {

/// LiteLLM's marker for "read this value from the environment": `os.environ/NAME`.
inline constexpr std::string_view kEnvReferencePrefix = "os.environ/";

/// NAME when `value` is an `os.environ/NAME` reference, nullopt for any other value.
std::optional<std::string_view> envReferenceName(std::string_view value);

/// The variable's value; nullopt when it is unset *or empty*. Empty counts as unset because
/// container tooling (`KEY=${KEY}` in compose files) exports empty variables for keys the host
/// never had, and an empty secret is never what the operator meant.
std::optional<std::string> environmentValue(const std::string& name);

}  // namespace portico::config
