#pragma once
#include <string>
#include <string_view>

namespace portico::fakes::gemini {

/// The reply text of a normal answer (a stream's events concatenate to it).
inline constexpr std::string_view kGeminiReplyText = "Hello from fake gemini";

/// Bodies in Gemini's real wire shape (docs/wire-formats.md §5.3-5.5).
namespace bodies {

/// Google's RPC error: {"error":{"code","message","status"}} plus details[].reason when given.
std::string error(int code, std::string_view message, std::string_view status, std::string_view reason = {});
/// The status string Google uses for an HTTP status (429 RESOURCE_EXHAUSTED, ...).
std::string_view statusName(int code);

/// One GenerateContentResponse candidate. `part_json` is one part object or empty (no content);
/// an empty finish_reason leaves it out (a mid-stream event).
std::string response(std::string_view part_json, std::string_view finish_reason, int prompt_tokens, int output_tokens,
                     bool with_usage);
std::string textPart(std::string_view text);
std::string functionCallPart(std::string_view name);
std::string blockedPrompt(int prompt_tokens);

std::string embedding(int dimensions, int seed);
std::string batchEmbeddings(int count, int dimensions);

}  // namespace bodies
}  // namespace portico::fakes::gemini
