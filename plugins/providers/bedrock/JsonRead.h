#pragma once
#include <simdjson.h>

#include <utility>

namespace portico::bedrock {

/// The value a simdjson lookup found, or `fallback` when it is absent or of another type: the
/// Converse fields that may be missing are read in one expression, not a get() and an if.
template <typename T, typename Result>
T valueOr(Result&& result, T fallback = T{}) {
    T value{};
    return std::forward<Result>(result).get(value) == simdjson::SUCCESS ? value : fallback;
}

}  // namespace portico::bedrock
