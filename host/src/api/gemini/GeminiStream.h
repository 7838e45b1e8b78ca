#pragma once
#include <map>
#include <string>

#include "pipeline/StreamEncoder.h"

namespace portico::api::gemini {

/// Gemini's SSE stream (`?alt=sse`: bare `data:` GenerateContentResponses, no end marker) from
/// canonical chat chunks: each text delta a response with one text part as it comes; tool calls,
/// whose arguments chat streams in pieces but Gemini sends whole, are collected and go out with
/// the last response, which carries finishReason and usageMetadata.
class ChatToGeminiStream : public pipeline::StreamEncoder {
public:
    explicit ChatToGeminiStream(std::string model) : model_(std::move(model)) {}

    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* usage, http::SseWriter& out) override;
    void fail(const core::GatewayError& error, http::SseWriter& out) override;

private:
    struct PendingCall {
        std::string id, name, arguments;
    };
    /// One GenerateContentResponse of `parts`, with a finishReason and usageMetadata when given.
    void send(const std::string& parts, std::string_view finish, const std::string& usage, http::SseWriter& out);

    std::string model_;
    std::string response_id_;
    std::string finish_reason_ = "stop";
    std::map<int64_t, PendingCall> calls_;  ///< by the chunks' tool_calls index
    std::string scratch_;
};

/// The provider streams Gemini responses itself: each relayed as it came.
class NativeGeminiStream : public pipeline::StreamEncoder {
public:
    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* /*usage*/, http::SseWriter& /*out*/) override {}
    void fail(const core::GatewayError& error, http::SseWriter& out) override;
};

}  // namespace portico::api::gemini
