#include "JsonText.h"

#include <string>

namespace portico::observers::jsonl {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

/// Length of the well-formed UTF-8 sequence at bytes[i], or 0 if it is malformed (RFC 3629).
size_t sequenceLength(std::string_view bytes, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        return 0;
    }
    if (i + length > bytes.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (size_t k = 2; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    return length;
}

}  // namespace

bool isValidUtf8(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size();) {
        const size_t length = sequenceLength(bytes, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

void writeText(JsonLineWriter& writer, std::string_view bytes) {
    if (isValidUtf8(bytes)) {
        writer.String(bytes.data(), static_cast<rapidjson::SizeType>(bytes.size()));
        return;
    }
    std::string repaired;
    repaired.reserve(bytes.size() + 8);
    for (size_t i = 0; i < bytes.size();) {
        const size_t length = sequenceLength(bytes, i);
        if (length == 0) {
            repaired += kReplacementCharacter;
            ++i;
        } else {
            repaired.append(bytes.substr(i, length));
            i += length;
        }
    }
    writer.String(repaired.data(), static_cast<rapidjson::SizeType>(repaired.size()));
}

}  // namespace portico::observers::jsonl
