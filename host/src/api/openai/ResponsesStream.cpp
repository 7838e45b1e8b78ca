#include "api/openai/ResponsesStream.h"

#include <simdjson.h>

#include <ctime>

#include "api/openai/ResponseObject.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatChunk.h"

namespace portico::api::openai {

namespace ro = response_object;

std::string responsesErrorEvent(const core::GatewayError& error, uint64_t sequence_number) {
    std::string out = "{\"type\":\"error\",\"sequence_number\":" + std::to_string(sequence_number) + ",\"code\":";
    core::appendJsonString(out, error.code().empty() ? error.type() : error.code());
    out.append(",\"message\":");
    core::appendJsonString(out, error.what());
    out.append(",\"param\":null}");
    return out;
}

void ChatToResponsesStream::send(std::string_view name, const std::string& fields, http::SseWriter& out) {
    std::string data = "{\"type\":";
    core::appendJsonString(data, name);
    data.append(",\"sequence_number\":").append(std::to_string(sequence_++)).push_back(',');
    data.append(fields).push_back('}');
    out.namedEvent(name, data);
}

std::string ChatToResponsesStream::itemJson(const Item& item, std::string_view status) const {
    return item.is_call ? ro::functionCallItem(item.call_id, item.name, item.text, status)
                        : ro::messageItem(item.id, item.text, status);
}

std::string ChatToResponsesStream::responseJson(std::string_view status, std::string_view reason,
                                                const std::string& usage) const {
    std::string items;
    for (const Item& item : items_) {
        if (!items.empty()) items.push_back(',');
        items.append(itemJson(item, status == "in_progress" ? "in_progress" : "completed"));
    }
    return ro::response(id_, created_at_, model_, status, reason, items, usage);
}

void ChatToResponsesStream::start(std::string_view chat_id, http::SseWriter& out) {
    id_ = "resp_" + std::string(chat_id.empty() ? "portico" : chat_id);
    created_at_ = std::time(nullptr);
    send("response.created", "\"response\":" + responseJson("in_progress", {}, {}), out);
    send("response.in_progress", "\"response\":" + responseJson("in_progress", {}, {}), out);
}

void ChatToResponsesStream::openMessage(http::SseWriter& out) {
    closeOpen(out);
    items_.push_back({false, "msg_" + id_.substr(5) + "_" + std::to_string(items_.size()), {}, {}, {}});
    open_ = true;
    const std::string index = std::to_string(items_.size() - 1);
    send("response.output_item.added", "\"output_index\":" + index + ",\"item\":" + itemJson(items_.back(), "in_progress"), out);
    std::string fields = "\"item_id\":";
    core::appendJsonString(fields, items_.back().id);
    send("response.content_part.added",
         fields + ",\"output_index\":" + index + ",\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}",
         out);
}

void ChatToResponsesStream::openCall(std::string_view call_id, std::string_view name, http::SseWriter& out) {
    closeOpen(out);
    Item item{true, {}, std::string(call_id), std::string(name), {}};
    item.id = "fc_" + item.call_id;
    items_.push_back(std::move(item));
    open_ = true;
    send("response.output_item.added",
         "\"output_index\":" + std::to_string(items_.size() - 1) + ",\"item\":" + itemJson(items_.back(), "in_progress"), out);
}

void ChatToResponsesStream::closeOpen(http::SseWriter& out) {
    if (!open_) return;
    open_ = false;
    const Item& item = items_.back();
    const std::string index = std::to_string(items_.size() - 1);
    std::string ids = "\"item_id\":";
    core::appendJsonString(ids, item.id);
    ids.append(",\"output_index\":").append(index);
    std::string text;
    core::appendJsonString(text, item.text);
    if (item.is_call) {
        send("response.function_call_arguments.done", ids + ",\"arguments\":" + text, out);
    } else {
        send("response.output_text.done", ids + ",\"content_index\":0,\"text\":" + text, out);
        send("response.content_part.done",
             ids + ",\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":" + text + ",\"annotations\":[]}", out);
    }
    send("response.output_item.done", "\"output_index\":" + index + ",\"item\":" + itemJson(item, "completed"), out);
}

void ChatToResponsesStream::chunk(std::string_view data, std::string_view /*framed*/, http::SseWriter& out) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    pipeline::ChatChunk chunk;
    if (!pipeline::readChatChunk(data, *parser, chunk)) return;  // not a chunk: nothing to say
    if (id_.empty()) start(chunk.id, out);
    if (!chunk.finish_reason.empty()) finish_reason_ = chunk.finish_reason;
    if (!chunk.content.empty()) {
        if (!open_ || items_.back().is_call) openMessage(out);
        items_.back().text.append(chunk.content);
        std::string fields = "\"item_id\":";
        core::appendJsonString(fields, items_.back().id);
        fields.append(",\"output_index\":").append(std::to_string(items_.size() - 1)).append(",\"content_index\":0,\"delta\":");
        core::appendJsonString(fields, chunk.content);
        send("response.output_text.delta", fields + ",\"logprobs\":[]", out);
    }
    for (const pipeline::ToolCallDelta& call : chunk.tool_calls) {
        if (!open_ || !items_.back().is_call || call.index != open_call_index_ || !call.id.empty()) {
            openCall(call.id.empty() ? "call_portico_" + std::to_string(call.index) : std::string(call.id), call.name, out);
            open_call_index_ = call.index;
        }
        if (call.arguments.empty()) continue;
        items_.back().text.append(call.arguments);
        std::string fields = "\"item_id\":";
        core::appendJsonString(fields, items_.back().id);
        fields.append(",\"output_index\":").append(std::to_string(items_.size() - 1)).append(",\"delta\":");
        core::appendJsonString(fields, call.arguments);
        send("response.function_call_arguments.delta", fields, out);
    }
}

void ChatToResponsesStream::finish(const portico_usage* usage, http::SseWriter& out) {
    if (id_.empty()) start({}, out);
    closeOpen(out);
    const portico_usage none{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    const bool length = finish_reason_ == "length";
    const bool filtered = finish_reason_ == "content_filter";
    const std::string response = responseJson(length || filtered ? "incomplete" : "completed",
                                              length ? "max_output_tokens" : filtered ? "content_filter" : "",
                                              ro::usage(usage ? *usage : none));
    send(length || filtered ? "response.incomplete" : "response.completed", "\"response\":" + response, out);
}

void ChatToResponsesStream::fail(const core::GatewayError& error, http::SseWriter& out) {
    out.namedEvent("error", responsesErrorEvent(error, sequence_++));
}

void NativeResponsesStream::chunk(std::string_view data, std::string_view framed, http::SseWriter& out) {
    if (framed.empty()) out.event(data);
    else out.raw(framed);
}

void NativeResponsesStream::fail(const core::GatewayError& error, http::SseWriter& out) {
    out.namedEvent("error", responsesErrorEvent(error, 0));
}

}  // namespace portico::api::openai
