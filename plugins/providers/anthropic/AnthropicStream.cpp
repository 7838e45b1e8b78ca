#include "AnthropicStream.h"

#include "JsonOut.h"
#include "MessageToChat.h"
#include "common/AbiBarrier.h"

namespace portico::anthropic {

using plugin_common::toStr;

portico_status AnthropicStream::feed(std::string_view data, portico_chunk_sink& sink) {
    const std::string_view payload = trimmedData(data);
    if (payload.empty() || state_.done()) return PORTICO_OK;
    const AnthropicEvent& event = reader_.read(payload);
    state_.observe(event, sink);
    if (event.type == "message_start") return onMessageStart(event, sink);
    if (event.type == "content_block_start") return onBlockStart(event, sink);
    if (event.type == "content_block_delta") return onBlockDelta(event, sink);
    if (event.type == "content_block_stop") return onBlockStop(event, sink);
    if (event.type == "message_delta") return onMessageDelta(event, sink);
    if (event.type == "message_stop") return state_.reportUsage(sink);  // if no message_delta did
    return PORTICO_OK;  // ping, and event types newer than this code
}

template <typename WriteDelta>
portico_status AnthropicStream::emitChunk(portico_chunk_sink& sink, WriteDelta&& writeDelta, std::string_view finish) {
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
    if (finish.empty()) out.Null();
    else writeString(out, finish);
    out.EndObject();
    out.EndArray();
    if (!finish.empty()) {
        // The client cannot ask Anthropic for a separate usage chunk (stream_options is OpenAI's),
        // so the counts ride on the finish chunk, where OpenAI-compatible clients look too.
        writeKey(out, "usage");
        state_.usage().writeOpenAi(out);
    }
    out.EndObject();
    return checkedSink(sink.emit(sink.ctx, toStr(written(buffer))));
}

portico_status AnthropicStream::onMessageStart(const AnthropicEvent& event, portico_chunk_sink& sink) {
    id_.assign(event.message_id);
    model_.assign(event.message_model);
    return emitChunk(sink, [](JsonWriter& out) {
        writeKey(out, "role");
        writeString(out, "assistant");
        writeKey(out, "content");
        writeString(out, "");
    });
}

portico_status AnthropicStream::onBlockStart(const AnthropicEvent& event, portico_chunk_sink& sink) {
    Block& block = blocks_[event.index];
    block.type.assign(event.block_type);
    if (block.type == "tool_use") {
        block.tool_call = tool_calls_++;
        return emitChunk(sink, [&](JsonWriter& out) {
            writeKey(out, "tool_calls");
            out.StartArray();
            out.StartObject();
            writeKey(out, "index");
            out.Int(block.tool_call);
            writeKey(out, "id");
            writeString(out, event.block_id);
            writeKey(out, "type");
            writeString(out, "function");
            writeKey(out, "function");
            out.StartObject();
            writeKey(out, "name");
            writeString(out, event.block_name);
            writeKey(out, "arguments");
            writeString(out, "");
            out.EndObject();
            out.EndObject();
            out.EndArray();
        });
    }
    if (block.type == "text" && !event.block_text.empty()) return emitText(block, block.joiner.push(event.block_text), sink);
    return PORTICO_OK;
}

portico_status AnthropicStream::emitText(const Block& block, std::string_view text, portico_chunk_sink& sink) {
    if (text.empty()) return PORTICO_OK;
    if (block.type == "tool_use") {
        return emitChunk(sink, [&](JsonWriter& out) {
            writeKey(out, "tool_calls");
            out.StartArray();
            out.StartObject();
            writeKey(out, "index");
            out.Int(block.tool_call);
            writeKey(out, "function");
            out.StartObject();
            writeKey(out, "arguments");
            writeString(out, text);
            out.EndObject();
            out.EndObject();
            out.EndArray();
        });
    }
    // LiteLLM's name for thinking text in OpenAI-shaped answers.
    const std::string_view key = block.type == "thinking" ? "reasoning_content" : "content";
    return emitChunk(sink, [&](JsonWriter& out) {
        writeKey(out, key);
        writeString(out, text);
    });
}

portico_status AnthropicStream::onBlockDelta(const AnthropicEvent& event, portico_chunk_sink& sink) {
    const auto found = blocks_.find(event.index);
    if (found == blocks_.end()) return PORTICO_OK;  // a delta of a block that never started: nothing to attach it to
    Block& block = found->second;
    const bool translated = (event.delta_type == "text_delta" && block.type == "text") ||
                            (event.delta_type == "thinking_delta" && block.type == "thinking") ||
                            (event.delta_type == "input_json_delta" && block.type == "tool_use");
    if (!translated) return PORTICO_OK;  // signature and citation deltas have no OpenAI field
    return emitText(block, block.joiner.push(event.delta_text), sink);
}

portico_status AnthropicStream::onBlockStop(const AnthropicEvent& event, portico_chunk_sink& sink) {
    const auto found = blocks_.find(event.index);
    if (found == blocks_.end()) return PORTICO_OK;
    return emitText(found->second, found->second.joiner.flush(), sink);
}

portico_status AnthropicStream::onMessageDelta(const AnthropicEvent& event, portico_chunk_sink& sink) {
    if (state_.reportUsage(sink) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    return emitChunk(sink, [](JsonWriter&) {}, finishReason(event.stop_reason));
}

}  // namespace portico::anthropic
