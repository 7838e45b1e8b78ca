#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/StreamEncoder.h"

namespace portico::api::openai {

/// The Responses API's typed events from canonical chat chunks: response.created and
/// .in_progress, then per output item (the message's text, each tool call) output_item.added,
/// its deltas (output_text.delta, function_call_arguments.delta) and its .done events, and last
/// response.completed (or .incomplete) with every item and the usage. Each event carries its
/// sequence_number.
class ChatToResponsesStream : public pipeline::StreamEncoder {
public:
    explicit ChatToResponsesStream(std::string model) : model_(std::move(model)) {}

    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* usage, http::SseWriter& out) override;
    void fail(const core::GatewayError& error, http::SseWriter& out) override;

private:
    struct Item {
        bool is_call = false;
        std::string id, call_id, name, text;  ///< text: the message's text, or the call's arguments
    };
    void start(std::string_view chat_id, http::SseWriter& out);
    /// Sends `{"type":name,"sequence_number":n,` + `fields` + `}`.
    void send(std::string_view name, const std::string& fields, http::SseWriter& out);
    void openMessage(http::SseWriter& out);
    void openCall(std::string_view call_id, std::string_view name, http::SseWriter& out);
    void closeOpen(http::SseWriter& out);
    std::string itemJson(const Item& item, std::string_view status) const;
    std::string responseJson(std::string_view status, std::string_view reason, const std::string& usage) const;

    std::string model_;
    std::string id_;
    int64_t created_at_ = 0;
    uint64_t sequence_ = 0;
    std::vector<Item> items_;
    bool open_ = false;           ///< the last item is still receiving deltas
    int64_t open_call_index_ = -1; ///< the chat tool_calls index of the open call item
    std::string finish_reason_ = "stop";
};

/// The provider streams Responses events itself (an OpenAI upstream): relayed as they came.
class NativeResponsesStream : public pipeline::StreamEncoder {
public:
    void chunk(std::string_view data, std::string_view framed, http::SseWriter& out) override;
    void finish(const portico_usage* /*usage*/, http::SseWriter& /*out*/) override {}
    void fail(const core::GatewayError& error, http::SseWriter& out) override;
};

/// The Responses API's `error` event for a failure inside a stream.
std::string responsesErrorEvent(const core::GatewayError& error, uint64_t sequence_number);

}  // namespace portico::api::openai
