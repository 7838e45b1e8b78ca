#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace portico::config {

/// The types a scalar resolves to under the YAML 1.2 core schema. LiteLLM reads its config with
/// PyYAML (YAML 1.1); the two differ only for forms like yes/no/on/off and 1_000, which stay
/// strings here.
enum class ScalarKind { Null, Bool, Int, Float, String };

/// A scalar after type resolution, with its text as written (or as read from the environment).
struct ScalarValue {
    ScalarKind kind = ScalarKind::Null;
    std::string text;
};

/// Resolves an untagged plain scalar the way the core schema does (null/~, true/false, ints in
/// base 10, 0o8 and 0x16, floats, .inf/.nan). Quoted scalars never come here: they are strings.
ScalarKind inferPlainScalar(std::string_view text);

/// Value of an Int scalar (any of the three bases); nullopt when it does not fit in 64 bits.
std::optional<long long> parseYamlInteger(std::string_view text);

/// Value of an Int or Float scalar, including .inf and .nan.
std::optional<double> parseYamlNumber(std::string_view text);

/// PyYAML (YAML 1.1), and so LiteLLM, reads `tpm: 80_000` as 80000; under the core schema it is
/// the string "80_000". Returns the text without separators when it is such a number, so fields
/// that must be numbers accept what LiteLLM configs contain.
std::optional<std::string> withoutDigitSeparators(std::string_view text);

/// Appends the scalar as JSON. YAML number spellings that JSON's grammar lacks are rewritten
/// (+1 → 1, 007 → 7, 0x1f → 31, .5 → 0.5, 1. → 1.0); .inf and .nan have no JSON form and are
/// emitted as strings so no information is silently lost.
void appendScalarJson(std::string& out, const ScalarValue& value);

}  // namespace portico::config
