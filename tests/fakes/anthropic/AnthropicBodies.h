#pragma once
#include <string>
#include <string_view>

namespace portico::fakes::anthropic {

/// Bodies and stream events in the real Anthropic wire shape (docs/wire-formats.md §4.3–4.5).
namespace bodies {

struct Usage {
    int input_tokens = 0;
    int output_tokens = 0;
};

/// A `message` with one text block (stop_reason end_turn).
std::string textMessage(std::string_view id, std::string_view model, std::string_view text, Usage usage);
/// A `message` with one tool_use block (stop_reason tool_use); `input_json` is its input object.
std::string toolMessage(std::string_view id, std::string_view model, std::string_view tool_id, std::string_view name,
                        std::string_view input_json, Usage usage);

/// {"type":"error","error":{"type","message"},"request_id"}.
std::string error(std::string_view type, std::string_view message);
/// The error type Anthropic answers `status` with (400 invalid_request_error, ... 529
/// overloaded_error).
std::string_view errorTypeFor(int status);

/// Stream events' data (the SSE event name is their "type").
namespace events {
std::string messageStart(std::string_view id, std::string_view model, int input_tokens);
std::string textBlockStart(int index);
std::string toolBlockStart(int index, std::string_view tool_id, std::string_view name);
std::string textDelta(int index, std::string_view text);
std::string inputJsonDelta(int index, std::string_view partial_json);
std::string blockStop(int index);
std::string messageDelta(std::string_view stop_reason, int output_tokens);
inline constexpr std::string_view kPing = R"({"type":"ping"})";
inline constexpr std::string_view kMessageStop = R"({"type":"message_stop"})";
}  // namespace events

}  // namespace bodies
}  // namespace portico::fakes::anthropic
