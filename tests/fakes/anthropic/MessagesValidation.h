#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace portico::fakes::anthropic {

/// Which of the two endpoints a body was sent to: they accept different top-level fields
/// (count_tokens has no max_tokens, stream, sampling or metadata).
enum class Endpoint { Messages, CountTokens };

/// What a valid request asked for.
struct MessagesRequest {
    std::string model;
    bool stream = false;
    std::string first_tool;  ///< the name of tools[0], empty without tools
};

/// Why the real API would refuse a body: always 400 invalid_request_error, with the message
/// Anthropic writes (`<path>: <problem>`).
struct Refusal {
    std::string message;
};

/// Checks `body` the way api.anthropic.com does, as far as a translating gateway can get it
/// wrong: a JSON object; model, messages (and max_tokens for Messages) present; no field the
/// endpoint does not have ("Extra inputs are not permitted"); roles only user/assistant (a
/// "system" role gets Anthropic's own hint); content a non-empty string or blocks of known
/// types, text blocks non-empty, tool_use input an object, tool_result only in user turns, a
/// final assistant turn (prefill) not ending in whitespace, every tool_use answered by a
/// tool_result in the next message;
/// temperature within 0..1; stop_sequences an array; tools with name and input_schema; a
/// tool_choice of a known type. Returns the request or the refusal.
std::optional<Refusal> validate(std::string_view body, Endpoint endpoint, MessagesRequest& request);

}  // namespace portico::fakes::anthropic
