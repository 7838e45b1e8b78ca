#include "api/anthropic/MessagesStream.h"

#include <simdjson.h>

#include "api/anthropic/AnthropicErrors.h"
#include "api/anthropic/ChatToMessage.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

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
    simdjson::dom::object chunk;
    if (parser->parse(data.data(), data.size()).get_object().get(chunk)) return;  // not a chunk: nothing to say
    if (!started_) {
        std::string_view id;
        pipeline::readIfPresent(chunk["id"].get_string(), id);
        start(id, out);
    }
    simdjson::dom::array choices;
    simdjson::dom::object delta_object;
    if (chunk["choices"].get_array().get(choices) || choices.size() == 0) return;
    const simdjson::dom::element choice = choices.at(0).value_unsafe();
    std::string_view finish;
    if (pipeline::readIfPresent(choice["finish_reason"].get_string(), finish)) finish_reason_ = finish;
    if (choice["delta"].get_object().get(delta_object)) return;

    std::string_view text;
    if (pipeline::readIfPresent(delta_object["reasoning_content"].get_string(), text) && !text.empty()) {
        if (block_ != Block::Thinking) open(Block::Thinking, "{\"type\":\"thinking\",\"thinking\":\"\"}", out);
        delta("thinking_delta", "thinking", text, out);
    }
    if (pipeline::readIfPresent(delta_object["content"].get_string(), text) && !text.empty()) {
        if (block_ != Block::Text) open(Block::Text, "{\"type\":\"text\",\"text\":\"\"}", out);
        delta("text_delta", "text", text, out);
    }
    simdjson::dom::array calls;
    if (delta_object["tool_calls"].get_array().get(calls)) return;
    for (simdjson::dom::element call : calls) {
        int64_t index = 0;
        pipeline::readIfPresent(call["index"].get_int64(), index);
        std::string_view id, name, arguments;
        const bool has_id = pipeline::readIfPresent(call["id"].get_string(), id);
        if (block_ != Block::Tool || index != tool_index_ || (has_id && !id.empty())) {
            pipeline::readIfPresent(call.at_pointer("/function/name").get_string(), name);
            std::string start_json = "{\"type\":\"tool_use\",\"id\":";
            core::appendJsonString(start_json, id.empty() ? "toolu_portico_" + std::to_string(index) : std::string(id));
            start_json.append(",\"name\":");
            core::appendJsonString(start_json, name);
            start_json.append(",\"input\":{}}");
            open(Block::Tool, start_json, out);
            tool_index_ = index;
        }
        if (pipeline::readIfPresent(call.at_pointer("/function/arguments").get_string(), arguments) && !arguments.empty())
            delta("input_json_delta", "partial_json", arguments, out);
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
