#pragma once
#include <simdjson.h>

#include <optional>
#include <string_view>

#include "core/GatewayError.h"

namespace portico::core {

/// A key that occurs more than once in `object`, or nullopt. Keys compare after unescaping
/// ("model" and "mod\u0065l" are the same key), as every parser reads them.
///
/// JSON leaves duplicate keys undefined and parsers disagree on which occurrence wins, so a
/// gateway that validates, routes or authorizes by one occurrence while the upstream acts on
/// another can be steered around its own checks. Every inbound codec rejects them.
///
/// Small objects (every ordinary request) are compared pairwise in place, with no allocation;
/// larger ones through one sorted copy of their keys, so an object with many keys costs n log n.
std::optional<std::string_view> findDuplicateKey(simdjson::dom::object object);

/// The 400 for a duplicate `key`: param is the key, prefixed by `path` (the object's place in
/// the request, e.g. "messages[2]") when the object is not the body itself.
GatewayError duplicateKeyError(std::string_view key, std::string_view path = {});

}  // namespace portico::core
