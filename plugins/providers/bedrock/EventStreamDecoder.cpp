#include "EventStreamDecoder.h"

#include <array>

#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

constexpr std::size_t kPreludeBytes = 12;    // total length, headers length, prelude CRC
constexpr std::size_t kMinimumMessage = 16;  // prelude + message CRC
/// The spec's limits (payload 24 MiB, headers 128 KiB) plus framing: anything larger is corrupt.
constexpr std::uint32_t kMaximumMessage = 24u * 1024 * 1024 + 128u * 1024 + kMinimumMessage;

constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}();

std::uint32_t bigEndian32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

[[noreturn]] void corrupt(const std::string& what) {
    throw PluginError(PORTICO_ERR_UPSTREAM, 502, "bedrock: corrupt event stream: " + what);
}

/// Bytes of a header value of `type` after the type byte, or throws for an unknown type.
std::size_t valueSize(unsigned char type, std::string_view rest) {
    switch (type) {
        case 0: case 1: return 0;           // bool true / false
        case 2: return 1;                   // int8
        case 3: return 2;                   // int16
        case 4: return 4;                   // int32
        case 5: case 8: return 8;           // int64, timestamp
        case 9: return 16;                  // uuid
        case 6: case 7:                     // bytes, string: u16 length first
            if (rest.size() < 2) corrupt("header value length cut short");
            return 2 + ((static_cast<std::size_t>(static_cast<unsigned char>(rest[0])) << 8) |
                        static_cast<unsigned char>(rest[1]));
        default: corrupt("unknown header type " + std::to_string(type));
    }
}

void parseHeaders(std::string_view block, EventStreamMessage& message) {
    while (!block.empty()) {
        const std::size_t name_len = static_cast<unsigned char>(block[0]);
        if (name_len == 0 || block.size() < 1 + name_len + 1) corrupt("header cut short");
        const std::string_view name = block.substr(1, name_len);
        const auto type = static_cast<unsigned char>(block[1 + name_len]);
        block.remove_prefix(2 + name_len);
        const std::size_t size = valueSize(type, block);
        if (block.size() < size) corrupt("header value cut short");
        if (type == 7) message.headers.emplace(std::string(name), std::string(block.substr(2, size - 2)));
        block.remove_prefix(size);
    }
}

}  // namespace

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
    crc = ~crc;
    for (const char c : bytes) crc = kCrcTable[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

std::vector<EventStreamMessage> EventStreamDecoder::feed(std::string_view bytes) {
    buffer_.append(bytes);
    std::vector<EventStreamMessage> messages;
    std::size_t offset = 0;
    while (buffer_.size() - offset >= kPreludeBytes) {
        const char* frame = buffer_.data() + offset;
        const std::uint32_t total = bigEndian32(frame);
        const std::uint32_t headers_length = bigEndian32(frame + 4);
        if (crc32(std::string_view(frame, 8)) != bigEndian32(frame + 8)) corrupt("prelude CRC mismatch");
        if (total < kMinimumMessage || total > kMaximumMessage || headers_length > total - kMinimumMessage)
            corrupt("impossible message length");
        if (buffer_.size() - offset < total) break;
        if (crc32(std::string_view(frame, total - 4)) != bigEndian32(frame + total - 4)) corrupt("message CRC mismatch");
        EventStreamMessage message;
        parseHeaders(std::string_view(frame + kPreludeBytes, headers_length), message);
        message.payload.assign(frame + kPreludeBytes + headers_length, total - kMinimumMessage - headers_length);
        messages.push_back(std::move(message));
        offset += total;
    }
    buffer_.erase(0, offset);
    return messages;
}

}  // namespace portico::bedrock
