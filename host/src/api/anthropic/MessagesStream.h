#pragma once
#include <string>

#include "pipeline/StreamEncoder.h"

namespace portico::api::anthropic {

/// Anthropic's stream from canonical chat chunks: message_start, then per content block (thinking,
/// text, each tool call) content_block_start / _delta / _stop, then message_delta with the stop
/// reason and usage, and message_stop. A block is closed when the next kind begins, as Anthropic
/// streams them one after another.
class ChatToMessagesStream : public pipeline::StreamEncoder {
public:
    explicit ChatToMessagesStream(std::string model) : model_(std::move(model)) {}

    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* usage, http::SseWriter& out) override;
    void fail(const core::GatewayError& error, http::SseWriter& out) override;

private:
    enum class Block { None, Thinking, Text, Tool };

    void start(std::string_view id, http::SseWriter& out);
    /// Closes the open block (if any) and opens one of `kind`; `start_json` is its content_block.
    void open(Block kind, const std::string& start_json, http::SseWriter& out);
    void close(http::SseWriter& out);
    void delta(std::string_view type, std::string_view key, std::string_view text, http::SseWriter& out);

    std::string model_;
    bool started_ = false;
    Block block_ = Block::None;
    int block_index_ = -1;   ///< the open (or last) block's index
    int64_t tool_index_ = -1; ///< the OpenAI tool_calls index the open tool block belongs to
    std::string finish_reason_ = "stop";
    std::string scratch_;
};

/// Anthropic's stream when the provider streams Anthropic events itself: each typed event relayed
/// as it came; the provider's own message_stop ends it.
class NativeMessagesStream : public pipeline::StreamEncoder {
public:
    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* /*usage*/, http::SseWriter& /*out*/) override {}
    void fail(const core::GatewayError& error, http::SseWriter& out) override;
};

}  // namespace portico::api::anthropic
