#pragma once
#include <string>
#include <string_view>

namespace portico::mock {

/// Appends `text` to `out` as a quoted JSON string. Reply text, request ids and model names come
/// from operators and clients, so every one of them is escaped: quotes, backslashes and all
/// control characters (as \uXXXX where JSON has no short form). Bytes >= 0x80 pass through, which
/// keeps valid UTF-8 valid.
inline void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
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

}  // namespace portico::mock
