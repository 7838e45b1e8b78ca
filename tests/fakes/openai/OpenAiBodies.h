#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace portico::fakes {

/// Identity shared by a completion and every chunk of its stream (OpenAI repeats id, created
/// and model in each chunk).
struct CompletionIdentity {
    std::string id;     ///< "chatcmpl-fake<n>"
    std::int64_t created = 0;
    std::string model;  ///< echoes the request's model, as the real API echoes the resolved one
};

struct TokenUsage {
    int prompt_tokens = 0;
    int completion_tokens = 0;
};

/// The reply text of every non-streamed completion; tests compare against it.
inline constexpr std::string_view kReplyText = "Hello from fake upstream";

/// JSON bodies in OpenAI's real wire shape (docs/wire-formats.md §1.3–1.5, §2.3), so a gateway
/// that passes the fake also parses what api.openai.com sends.
namespace bodies {

std::string chatCompletion(const CompletionIdentity& identity, std::string_view content, TokenUsage usage);

/// A legacy `text_completion` (POST /v1/completions), non-streamed.
std::string textCompletion(const CompletionIdentity& identity, std::string_view text, TokenUsage usage);
/// An embeddings `list` with `inputs` embeddings of `dimensions` floats; usage has prompt and total only.
std::string embeddingList(std::string_view model, int inputs, int dimensions, int prompt_tokens);

/// First chunk: delta {role: assistant, content: ""}.
std::string roleChunk(const CompletionIdentity& identity, bool usageNull);
std::string contentChunk(const CompletionIdentity& identity, std::string_view content, bool usageNull);
/// Last choice chunk: empty delta, finish_reason "stop".
std::string finishChunk(const CompletionIdentity& identity, bool usageNull);
/// Sent only with stream_options.include_usage: "choices":[] plus the usage object.
std::string usageChunk(const CompletionIdentity& identity, TokenUsage usage);

/// {"error":{"message","type","param":null,"code"}}; an empty `code` is written as null.
std::string error(std::string_view message, std::string_view type, std::string_view code);
/// The error body the real API sends for `status` (type/code per wire-formats.md §1.5), with the
/// message "fake upstream error <status>".
std::string errorForStatus(int status);

/// GET /v1/models.
std::string modelList(std::int64_t created);

}  // namespace bodies
}  // namespace portico::fakes
