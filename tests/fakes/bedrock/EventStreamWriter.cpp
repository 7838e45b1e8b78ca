#include "bedrock/EventStreamWriter.h"

#include <Poco/Checksum.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace portico::fakes::bedrock {
namespace {

using Headers = std::vector<std::pair<std::string_view, std::string_view>>;

void appendBigEndian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::uint32_t crc32(const std::string& bytes) {
    Poco::Checksum checksum(Poco::Checksum::TYPE_CRC32);
    checksum.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return checksum.checksum();
}

std::string frame(const Headers& headers, std::string_view payload) {
    std::string header_block;
    for (const auto& [name, value] : headers) {
        header_block.push_back(static_cast<char>(name.size()));
        header_block.append(name);
        header_block.push_back(7);  // string
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

}  // namespace

std::string eventFrame(std::string_view event_type, std::string_view payload_json) {
    return frame({{":event-type", event_type}, {":content-type", "application/json"}, {":message-type", "event"}},
                 payload_json);
}

std::string exceptionFrame(std::string_view exception_type, std::string_view payload_json) {
    return frame({{":exception-type", exception_type}, {":content-type", "application/json"}, {":message-type", "exception"}},
                 payload_json);
}

}  // namespace portico::fakes::bedrock
