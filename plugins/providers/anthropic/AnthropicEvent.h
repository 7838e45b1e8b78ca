#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace portico::anthropic {

/// One event of an Anthropic stream, as far as the gateway cares. The `type` is the SSE event
/// name (the data repeats it); the other fields are set for the events that carry them. Views
/// point into the EventReader that produced the event and last until its next read().
struct AnthropicEvent {
    std::string_view type;
    int64_t index = -1;                    ///< content_block_* events
    std::string_view block_type;           ///< content_block_start: text, tool_use, thinking, ...
    std::string_view block_id;             ///< content_block_start of a tool_use
    std::string_view block_name;
    std::string_view block_text;           ///< content_block_start of a text block (usually "")
    std::string_view delta_type;           ///< content_block_delta: text_delta, input_json_delta, ...
    std::string_view delta_text;           ///< its text / partial_json / thinking
    std::string_view message_id;           ///< message_start
    std::string_view message_model;
    std::string_view stop_reason;          ///< message_delta
    std::optional<simdjson::dom::element> usage;  ///< message_start's message.usage, message_delta's usage
    std::string_view error_type;           ///< error
    std::string_view error_message;
};

/// Reads the data of one SSE event. Calls are serialized per stream, so one parser and buffer
/// serve every event of it.
class EventReader {
public:
    /// Throws anthropic::brokenStream (502) when the data is not a JSON object with a "type".
    /// A content_block_delta whose text is not valid UTF-8 (a character cut between two deltas,
    /// which simdjson refuses to parse) is read again by a reader that does not validate the
    /// encoding, so the bytes reach Utf8Joiner whole.
    const AnthropicEvent& read(std::string_view data);

private:
    bool readRawDelta(std::string_view data);

    simdjson::dom::parser parser_;
    AnthropicEvent event_;
    std::string raw_delta_text_;  ///< the fallback reader's delta text
};

}  // namespace portico::anthropic
