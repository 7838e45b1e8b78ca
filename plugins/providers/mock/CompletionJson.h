#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace portico::mock {

/// Writes the OpenAI documents of one mock answer. Every document of one answer shares id,
/// created and model (clients group chunks by them), so those are escaped once, here.
class CompletionJson {
public:
    /// id becomes "chatcmpl-mock-<request_id>"; created is unix seconds.
    CompletionJson(std::string_view request_id, std::string_view model, uint64_t created);

    /// A whole `chat.completion` with one assistant choice and its usage.
    std::string completion(std::string_view content, const portico_usage& usage) const;
    /// The first stream chunk: delta {role: assistant, content: ""}.
    std::string roleChunk() const;
    /// A stream chunk carrying one piece of the reply.
    std::string contentChunk(std::string_view piece) const;
    /// The chunk that ends the choice: empty delta, finish_reason "stop".
    std::string finishChunk() const;
    /// The stream_options.include_usage chunk: no choices, only usage.
    std::string usageChunk(const portico_usage& usage) const;

private:
    /// `{"id":…,"object":<object>,"created":…,"model":…,` — the caller appends the rest.
    std::string header(std::string_view object) const;
    std::string choiceChunk(std::string_view delta_json, std::string_view finish_reason_json) const;
    static void appendUsage(std::string& out, const portico_usage& usage);

    std::string id_json_;
    std::string model_json_;
    uint64_t created_;
};

}  // namespace portico::mock
