#pragma once
#include <string>
#include <string_view>

namespace portico::fakes {

/// Appends `text` as a quoted JSON string. The fake builds its bodies by hand (no DOM) so the
/// benchmark's hot path costs one allocation per response; this is the only escaping it needs.
void appendJsonString(std::string& out, std::string_view text);

/// Lower-cases ASCII; header names are case-insensitive, so /last-request reports them lower-case
/// and tests can look them up without caring how the gateway spelled them.
std::string asciiLower(std::string_view text);

}  // namespace portico::fakes
