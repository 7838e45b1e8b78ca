#include "ConverseStream.h"

#include "BedrockErrors.h"
#include "JsonRead.h"
#include "common/AbiBarrier.h"
#include "common/JsonOut.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::JsonWriter;
using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::writeKey;
using plugin_common::writeString;
using simdjson::dom::element;

/// A sink refusal other than "the client has gone" is the host's problem: thrown as its status.
portico_status checked(portico_status status) {
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "bedrock: the host refused a stream chunk (status " + std::to_string(status) + ")");
    return status;
}

PluginError broken(const std::string& message) { return PluginError(PORTICO_ERR_UPSTREAM, 502, "bedrock: " + message); }

void writeToolCallDelta(JsonWriter& out, int index, std::string_view id, std::string_view name, std::string_view arguments) {
    writeKey(out, "tool_calls");
    out.StartArray();
    out.StartObject();
    writeKey(out, "index");
    out.Int(index);
    if (!id.empty()) {
        writeKey(out, "id");
        writeString(out, id);
        writeKey(out, "type");
        writeString(out, "function");
    }
    writeKey(out, "function");
    out.StartObject();
    if (!id.empty()) {
        writeKey(out, "name");
        writeString(out, name);
    }
    writeKey(out, "arguments");
    writeString(out, arguments);
    out.EndObject();
    out.EndObject();
    out.EndArray();
}

}  // namespace

portico_status ConverseStream::feed(std::string_view bytes, portico_chunk_sink& sink) {
    for (const EventStreamMessage& message : decoder_.feed(bytes))
        if (onMessage(message, sink) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    return PORTICO_OK;
}

portico_status ConverseStream::onMessage(const EventStreamMessage& message, portico_chunk_sink& sink) {
    const std::string_view kind = message.header(":message-type");
    if (kind == "exception") throwStreamException(message.header(":exception-type"), message.payload);
    if (kind == "error") {
        const std::string code(message.header(":error-code"));
        throw broken("stream error " + code + ": " + std::string(message.header(":error-message")));
    }
    if (kind != "event" || finished_) return PORTICO_OK;
    element payload;
    if (parser_.parse(message.payload).get(payload) != simdjson::SUCCESS || !payload.is_object())
        throw broken("a stream event's payload is not a JSON object");
    return onEvent(message.header(":event-type"), payload, sink);
}

portico_status ConverseStream::onEvent(std::string_view type, element payload, portico_chunk_sink& sink) {
    if (type == "messageStart") {
        return emitChunk(sink, [](JsonWriter& out) {
            writeKey(out, "role");
            writeString(out, "assistant");
            writeKey(out, "content");
            writeString(out, "");
        });
    }
    if (type == "contentBlockStart") return onBlockStart(payload, sink);
    if (type == "contentBlockDelta") return onBlockDelta(payload, sink);
    if (type == "messageStop") {
        stop_reason_.assign(valueOr<std::string_view>(payload["stopReason"]));
        stopped_ = true;
        return PORTICO_OK;
    }
    if (type == "metadata") {
        if (element usage; payload["usage"].get(usage) == simdjson::SUCCESS) usage_ = ConverseUsage::from(usage);
        // Metadata before messageStop has not been seen; if it comes, messageStop still finishes.
        return stopped_ ? finish(sink) : PORTICO_OK;
    }
    return PORTICO_OK;  // contentBlockStop, and event types newer than this code
}

portico_status ConverseStream::onBlockStart(element payload, portico_chunk_sink& sink) {
    int64_t block = 0;
    std::string_view id, name;
    if (payload["contentBlockIndex"].get(block) != simdjson::SUCCESS ||
        payload["start"]["toolUse"]["toolUseId"].get(id) != simdjson::SUCCESS)
        return PORTICO_OK;  // only toolUse blocks announce themselves
    name = valueOr<std::string_view>(payload["start"]["toolUse"]["name"]);
    const int index = static_cast<int>(tool_call_of_block_.size());
    tool_call_of_block_[block] = index;
    return emitChunk(sink, [&](JsonWriter& out) { writeToolCallDelta(out, index, id, name, ""); });
}

portico_status ConverseStream::onBlockDelta(element payload, portico_chunk_sink& sink) {
    const int64_t block = valueOr<int64_t>(payload["contentBlockIndex"]);
    element delta;
    if (payload["delta"].get(delta) != simdjson::SUCCESS) return PORTICO_OK;
    std::string_view text;
    if (delta["text"].get(text) == simdjson::SUCCESS) {
        if (text.empty()) return PORTICO_OK;
        return emitChunk(sink, [&](JsonWriter& out) {
            writeKey(out, "content");
            writeString(out, text);
        });
    }
    if (delta["toolUse"]["input"].get(text) == simdjson::SUCCESS) {
        const auto tool_call = tool_call_of_block_.find(block);
        if (tool_call == tool_call_of_block_.end() || text.empty()) return PORTICO_OK;  // no start to attach it to
        return emitChunk(sink, [&](JsonWriter& out) { writeToolCallDelta(out, tool_call->second, {}, {}, text); });
    }
    if (delta["reasoningContent"]["text"].get(text) == simdjson::SUCCESS && !text.empty()) {
        return emitChunk(sink, [&](JsonWriter& out) {
            writeKey(out, "reasoning_content");  // LiteLLM's name for reasoning text in OpenAI shapes
            writeString(out, text);
        });
    }
    return PORTICO_OK;  // signatures, redacted reasoning, citations: no OpenAI field
}

portico_status ConverseStream::finish(portico_chunk_sink& sink) {
    finished_ = true;
    if (usage_.reported && PORTICO_HAS(portico_chunk_sink, &sink, usage) && sink.usage) {
        const portico_usage usage = usage_.toPortico();
        if (checked(sink.usage(sink.ctx, &usage)) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    }
    return emitChunk(sink, [](JsonWriter&) {}, finishReason(stop_reason_));
}

void ConverseStream::end(portico_chunk_sink& sink) {
    if (finished_) return;
    if (decoder_.hasPartialMessage()) throw broken("the stream ended inside an event-stream message");
    if (!stopped_) throw broken("the stream ended before messageStop: the answer is incomplete");
    (void)finish(sink);  // metadata never came: finish without usage
}

template <typename WriteDelta>
portico_status ConverseStream::emitChunk(portico_chunk_sink& sink, WriteDelta&& writeDelta, std::string_view finish_reason) {
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "id");
    writeString(out, id_);
    writeKey(out, "object");
    writeString(out, "chat.completion.chunk");
    writeKey(out, "created");
    out.Int64(created_);
    writeKey(out, "model");
    writeString(out, model_);
    writeKey(out, "choices");
    out.StartArray();
    out.StartObject();
    writeKey(out, "index");
    out.Int(0);
    writeKey(out, "delta");
    out.StartObject();
    writeDelta(out);
    out.EndObject();
    writeKey(out, "logprobs");
    out.Null();
    writeKey(out, "finish_reason");
    if (finish_reason.empty()) out.Null();
    else writeString(out, finish_reason);
    out.EndObject();
    out.EndArray();
    if (!finish_reason.empty() && usage_.reported) {
        // A client cannot ask Bedrock for a separate usage chunk; the finish chunk carries it.
        writeKey(out, "usage");
        usage_.writeOpenAi(out);
    }
    out.EndObject();
    return checked(sink.emit(sink.ctx, toStr(plugin_common::written(buffer))));
}

}  // namespace portico::bedrock
