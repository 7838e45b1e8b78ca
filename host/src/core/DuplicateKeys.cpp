#include "core/DuplicateKeys.h"

#include <algorithm>
#include <string>
#include <vector>

namespace portico::core {
namespace {

/// Up to this many keys, n²/2 comparisons of (mostly short, mostly different-length) strings
/// cost less than allocating and sorting.
constexpr std::size_t kPairwiseMaxKeys = 32;

std::optional<std::string_view> findPairwise(simdjson::dom::object object) {
    for (auto later = object.begin(); later != object.end(); ++later) {
        const std::string_view key = later.key();
        for (auto earlier = object.begin(); earlier != later; ++earlier)
            if (earlier.key() == key) return key;
    }
    return std::nullopt;
}

std::optional<std::string_view> findBySorting(simdjson::dom::object object) {
    std::vector<std::string_view> keys;
    keys.reserve(object.size());
    for (const simdjson::dom::key_value_pair field : object) keys.push_back(field.key);
    std::sort(keys.begin(), keys.end());
    if (const auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) return *twice;
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> findDuplicateKey(simdjson::dom::object object) {
    // size() is read from the tape (O(1)); it saturates at 2^24 - 1, still far above the cutoff.
    return object.size() <= kPairwiseMaxKeys ? findPairwise(object) : findBySorting(object);
}

GatewayError duplicateKeyError(std::string_view key, std::string_view path) {
    std::string param(path);
    if (!param.empty()) param.push_back('.');
    param.append(key);
    const std::string where = path.empty() ? "the request body" : std::string(path);
    return GatewayError::badRequest("Duplicate key '" + std::string(key) + "' in " + where +
                                              ": each key may appear only once",
                                          {}, std::move(param));
}

}  // namespace portico::core
