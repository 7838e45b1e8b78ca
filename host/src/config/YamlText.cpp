#include "config/YamlText.h"

#include <cstdio>

namespace portico::config {
namespace {

/// The length of the UTF-8 sequence at `at` (0 if it is not one) and its code point.
std::size_t decode(std::string_view text, std::size_t at, char32_t& code_point) {
    const auto byte = [text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // the range of the second byte; later ones are 0x80-0xBF
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        return 0;
    }
    if (text.size() - at < length || byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(at + k) & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (byte(at + k) & 0x3F);
    }
    return length;
}

bool printable(char32_t c) {
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xFFFD) ||
           c >= 0x10000;  // decode() already refused surrogates and anything past U+10FFFF
}

bool startsWithUtf16Or32Bom(std::string_view yaml) {
    return yaml.starts_with("\xFE\xFF") || yaml.starts_with("\xFF\xFE") ||
           yaml.starts_with(std::string_view("\0\0\xFE\xFF", 4));
}

}  // namespace

std::size_t invalidUtf8At(std::string_view text) {
    char32_t code_point = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = decode(text, i, code_point);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

std::optional<YamlTextProblem> findYamlTextProblem(std::string_view yaml) {
    if (startsWithUtf16Or32Bom(yaml)) return std::nullopt;
    char32_t code_point = 0;
    for (std::size_t i = 0; i < yaml.size();) {
        const std::size_t length = decode(yaml, i, code_point);
        if (length == 0) return YamlTextProblem{i, "not UTF-8 text"};
        if (!printable(code_point)) {
            char name[16];
            std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(code_point));
            return YamlTextProblem{i, std::string("character ") + name + " is not allowed in YAML text"};
        }
        i += length;
    }
    return std::nullopt;
}

}  // namespace portico::config
