#pragma once
#include <string>
#include <string_view>

namespace portico::fakes::bedrock {

/// Encodes AWS event-stream messages (application/vnd.amazon.eventstream) as Bedrock sends them:
/// prelude (total length, headers length, CRC32 of both), string headers, payload, CRC32 of
/// everything before. The CRCs come from Poco::Checksum, not from the plugin's code, so the fake
/// checks the plugin's decoder rather than agreeing with it by construction.
std::string eventFrame(std::string_view event_type, std::string_view payload_json);
std::string exceptionFrame(std::string_view exception_type, std::string_view payload_json);

}  // namespace portico::fakes::bedrock
