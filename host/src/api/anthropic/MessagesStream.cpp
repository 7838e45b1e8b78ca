#include "api/anthropic/MessagesStream.h"

#include <simdjson.h>

#include "api/anthropic/AnthropicErrors.h"
#include "api/anthropic/ChatToMessage.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatChunk.h"

namespace portico::api::anthropic {

void ChatToMessagesStream::start(std::string_view id, http::SseWriter& out) {
    started_ = true;
    scratch_ = "{\"type\":\"message_start\",\"message\":{\"id\":";
    core::appendJsonString(scratch_, id.empty() ? "msg_portico" : id);
    scratch_.append(",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
    core::appendJsonString(scratch_, model_);
    scratch_.append(",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}");
    out.namedEvent("message_start", scratch_);
}

void ChatToMessagesStream::open(Block kind, const std::string& start_json, http::SseWriter& out) {
    close(out);
    block_ = kind;
    ++block_index_;
    scratch_ = "{\"type\":\"content_block_start\",\"index\":" + std::to_string(block_index_) + ",\"content_block\":";
    scratch_.append(start_json).push_back('}');
    out.namedEvent("content_block_start", scratch_);
}

void ChatToMessagesStream::close(http::SseWriter& out) {
    if (block_ == Block::None) return;
    block_ = Block::None;
    out.namedEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + std::to_string(block_index_) + "}");
}

void ChatToMessagesStream::delta(std::string_view type, std::string_view key, std::string_view text, http::SseWriter& out) {
    scratch_ = "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(block_index_) + ",\"delta\":{\"type\":\"";
    scratch_.append(type).append("\",\"").append(key).append("\":");
    core::appendJsonString(scratch_, text);
    scratch_.append("}}");
    out.namedEvent("content_block_delta", scratch_);
}

void ChatToMessagesStream::chunk(std::string_view data, std::string_view /*framed*/, http::SseWriter& out) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    pipeline::ChatChunk chunk;
    if (!pipeline::readChatChunk(data, *parser, chunk)) return;  // not a chunk: nothing to say
    if (!started_) start(chunk.id, out);
    if (!chunk.finish_reason.empty()) finish_reason_ = chunk.finish_reason;
    if (!chunk.reasoning.empty()) {
        if (block_ != Block::Thinking) open(Block::Thinking, "{\"type\":\"thinking\",\"thinking\":\"\"}", out);
        delta("thinking_delta", "thinking", chunk.reasoning, out);
    }
    if (!chunk.content.empty()) {
        if (block_ != Block::Text) open(Block::Text, "{\"type\":\"text\",\"text\":\"\"}", out);
        delta("text_delta", "text", chunk.content, out);
    }
    for (const pipeline::ToolCallDelta& call : chunk.tool_calls) {
        if (block_ != Block::Tool || call.index != tool_index_ || !call.id.empty()) {
            std::string start_json = "{\"type\":\"tool_use\",\"id\":";
            core::appendJsonString(start_json,
                                   call.id.empty() ? "toolu_portico_" + std::to_string(call.index) : std::string(call.id));
            start_json.append(",\"name\":");
            core::appendJsonString(start_json, call.name);
            start_json.append(",\"input\":{}}");
            open(Block::Tool, start_json, out);
            tool_index_ = call.index;
        }
        if (!call.arguments.empty()) delta("input_json_delta", "partial_json", call.arguments, out);
    }
}

void ChatToMessagesStream::finish(const portico_usage* usage, http::SseWriter& out) {
    if (!started_) start({}, out);
    close(out);
    const portico_usage none{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    scratch_ = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"";
    scratch_.append(stopReason(finish_reason_)).append("\",\"stop_sequence\":null},\"usage\":");
    scratch_.append(usageJson(usage ? *usage : none)).push_back('}');
    out.namedEvent("message_delta", scratch_);
    out.namedEvent("message_stop", "{\"type\":\"message_stop\"}");
}

void ChatToMessagesStream::fail(const core::GatewayError& error, http::SseWriter& out) {
    out.namedEvent("error", errorBody(error));
}

void NativeMessagesStream::chunk(std::string_view data, std::string_view framed, http::SseWriter& out) {
    // A provider relaying Anthropic events uses emit_event; plain chunks carry their type inside.
    if (!framed.empty()) return out.raw(framed);
    const std::size_t at = data.find("\"type\":\"");
    const std::size_t end = at == std::string_view::npos ? at : data.find('"', at + 8);
    if (end == std::string_view::npos) return out.event(data);
    out.namedEvent(data.substr(at + 8, end - at - 8), data);
}

void NativeMessagesStream::fail(const core::GatewayError& error, http::SseWriter& out) {
    out.namedEvent("error", errorBody(error));
}

}  // namespace portico::api::anthropic
