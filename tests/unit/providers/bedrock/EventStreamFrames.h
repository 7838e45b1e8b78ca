#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "EventStreamDecoder.h"

namespace portico::bedrock::testing {

/// Test-side encoder of event-stream messages with string headers (the inverse of the plugin's
/// decoder). Its CRCs use the plugin's crc32, which EventStreamDecoderTest checks separately
/// against the published test vectors.
inline void appendBigEndian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

inline std::string frame(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view payload) {
    std::string header_block;
    for (const auto& [name, value] : headers) {
        header_block.push_back(static_cast<char>(name.size()));
        header_block.append(name);
        header_block.push_back(7);
        appendBigEndian(header_block, static_cast<std::uint32_t>(value.size()), 2);
        header_block.append(value);
    }
    std::string out;
    appendBigEndian(out, static_cast<std::uint32_t>(16 + header_block.size() + payload.size()), 4);
    appendBigEndian(out, static_cast<std::uint32_t>(header_block.size()), 4);
    appendBigEndian(out, crc32(out), 4);
    out.append(header_block).append(payload);
    appendBigEndian(out, crc32(out), 4);
    return out;
}

/// A Bedrock ConverseStream event in the header order Bedrock sends.
inline std::string event(const std::string& type, std::string_view payload) {
    return frame({{":event-type", type}, {":content-type", "application/json"}, {":message-type", "event"}}, payload);
}

inline std::string exception(const std::string& type, std::string_view payload) {
    return frame({{":exception-type", type}, {":content-type", "application/json"}, {":message-type", "exception"}},
                 payload);
}

}  // namespace portico::bedrock::testing
