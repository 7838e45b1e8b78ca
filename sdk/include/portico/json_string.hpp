/*
 * portico/json_string.hpp — optional header-only C++ helper for plugin authors (C++17).
 * Not part of the ABI: plugin.h is the only contract. Providers build JSON by hand on the hot
 * path; this is the one escaper the host and the bundled plugins share.
 */
#ifndef PORTICO_JSON_STRING_HPP
#define PORTICO_JSON_STRING_HPP

#include <string>
#include <string_view>

namespace portico::sdk {

/// Appends `text` to `out` as a quoted JSON string (RFC 8259): quotes, backslashes and every
/// control character escaped (\uXXXX where JSON has no short form). Bytes >= 0x80 pass through,
/// so valid UTF-8 stays valid.
inline void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[(c >> 4) & 0xF]);
                    out.push_back(kHex[c & 0xF]);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

/// `text` as a quoted JSON string.
inline std::string jsonString(std::string_view text) {
    std::string out;
    appendJsonString(out, text);
    return out;
}

}  // namespace portico::sdk

#endif
