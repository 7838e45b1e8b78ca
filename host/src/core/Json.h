#pragma once
#include <portico/json_string.hpp>

namespace portico::core {

/// The SDK's escaper: the host and the bundled plugins write JSON strings the same way.
using sdk::appendJsonString;
using sdk::jsonString;

}  // namespace portico::core
