#pragma once
#include <string>
#include <string_view>

namespace portico::core {

/// Appends `text` as a JSON string literal (quotes included), escaping per RFC 8259.
void appendJsonString(std::string& out, std::string_view text);

/// `text` as a JSON string literal.
inline std::string jsonString(std::string_view text) {
    std::string out;
    appendJsonString(out, text);
    return out;
}

}  // namespace portico::core
