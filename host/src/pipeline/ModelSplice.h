#pragma once
#include <string>
#include <string_view>

namespace portico::pipeline {

/// `body` (a JSON object with a top-level string "model") with that value replaced by `model`: a
/// byte splice, so a pass-through never re-serializes the rest of the client's body. The body's
/// capacity must include simdjson's padding (RequestJson leaves it so); the result's does too.
std::string spliceModel(const std::string& body, std::string_view model);

}  // namespace portico::pipeline
