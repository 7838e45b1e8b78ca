#pragma once
#include <string>

#include "pipeline/StreamEncoder.h"

namespace portico::api::openai {

/// OpenAI's SSE as it is: each chunk one `data:` event (an upstream's own bytes relayed when the
/// provider left them unchanged), `data: [DONE]` at the end, an `{"error":...}` event on failure.
/// When the client asked for stream_options.include_usage and the provider reported usage without
/// sending the usage chunk itself (providers that translate another API), the encoder adds it.
class OpenAiStreamEncoder : public pipeline::StreamEncoder {
public:
    /// `object`: the chunks' "object" ("chat.completion.chunk", "text_completion").
    OpenAiStreamEncoder(std::string object, std::string model, bool include_usage)
        : object_(std::move(object)), model_(std::move(model)), include_usage_(include_usage) {}

    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* usage, http::SseWriter& out) override;
    void fail(const core::GatewayError& error, http::SseWriter& out) override;

private:
    std::string object_, model_;
    std::string id_;  ///< the stream's id, from its first chunk, for an added usage chunk
    bool include_usage_;
    bool usage_sent_ = false;
};

/// `{"prompt_tokens":…,"completion_tokens":…,"total_tokens":…}` with the details OpenAI reports
/// (cached and reasoning tokens) when there are any.
std::string usageJson(const portico_usage& usage);

}  // namespace portico::api::openai
