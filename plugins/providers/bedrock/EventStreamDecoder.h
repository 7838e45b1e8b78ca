#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace portico::bedrock {

/// One decoded `application/vnd.amazon.eventstream` message. Only string-typed headers (type 7)
/// are kept, which is every header Bedrock sends (:event-type, :message-type, :content-type,
/// :exception-type, :error-code, :error-message); other header types are skipped over.
struct EventStreamMessage {
    std::map<std::string, std::string, std::less<>> headers;
    std::string payload;

    std::string_view header(std::string_view name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string_view() : std::string_view(it->second);
    }
};

/// Standard CRC-32 (zlib/gzip polynomial 0xEDB88320), continuing from `crc` (0 to start).
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

/// Reassembles event-stream messages from bytes split anywhere across reads. Both CRCs are
/// checked; a mismatch or an impossible length throws PluginError(PORTICO_ERR_UPSTREAM, 502),
/// and the decoder is unusable after that (the stream is corrupt).
class EventStreamDecoder {
public:
    /// Appends `bytes` and returns every message they complete, in order.
    std::vector<EventStreamMessage> feed(std::string_view bytes);
    /// True when bytes of an unfinished message are buffered (a stream cut mid-frame).
    bool hasPartialMessage() const { return !buffer_.empty(); }

private:
    std::string buffer_;
};

}  // namespace portico::bedrock
