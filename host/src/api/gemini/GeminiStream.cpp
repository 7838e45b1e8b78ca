#include "api/gemini/GeminiStream.h"

#include <simdjson.h>

#include "api/gemini/ChatToGemini.h"
#include "api/gemini/GeminiErrors.h"
#include "core/GatewayError.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/ChatChunk.h"

namespace portico::api::gemini {

void ChatToGeminiStream::send(const std::string& parts, std::string_view finish, const std::string& usage,
                              http::SseWriter& out) {
    scratch_ = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}";
    if (!finish.empty()) scratch_.append(",\"finishReason\":\"").append(finish).append("\"");
    scratch_.append(",\"index\":0}]");
    if (!usage.empty()) scratch_.append(",\"usageMetadata\":").append(usage);
    scratch_.append(",\"modelVersion\":");
    core::appendJsonString(scratch_, model_);
    if (!response_id_.empty()) {
        scratch_.append(",\"responseId\":");
        core::appendJsonString(scratch_, response_id_);
    }
    scratch_.push_back('}');
    out.event(scratch_);
}

void ChatToGeminiStream::chunk(std::string_view data, std::string_view /*framed*/, http::SseWriter& out) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    pipeline::ChatChunk chunk;
    if (!pipeline::readChatChunk(data, *parser, chunk)) return;  // not a chunk: nothing to say
    if (response_id_.empty()) response_id_ = chunk.id;
    if (!chunk.finish_reason.empty()) finish_reason_ = chunk.finish_reason;
    std::string parts;
    if (!chunk.reasoning.empty()) appendTextPart(parts, chunk.reasoning, true);
    if (!chunk.content.empty()) appendTextPart(parts, chunk.content, false);
    if (!parts.empty()) send(parts, {}, {}, out);
    for (const pipeline::ToolCallDelta& call : chunk.tool_calls) {
        PendingCall& pending = calls_[call.index];
        if (!call.id.empty()) pending.id = call.id;
        if (!call.name.empty()) pending.name = call.name;
        pending.arguments.append(call.arguments);
    }
}

void ChatToGeminiStream::finish(const portico_usage* usage, http::SseWriter& out) {
    std::string parts;
    try {
        for (const auto& [index, call] : calls_) appendFunctionCallPart(parts, call.name, call.arguments, call.id);
    } catch (const core::GatewayError& error) {
        return fail(error, out);
    }
    // The last response: the collected calls, the finish reason, and the usage.
    const portico_usage none{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    send(parts, finishReason(finish_reason_), usageMetadata(usage ? *usage : none), out);
}

void ChatToGeminiStream::fail(const core::GatewayError& error, http::SseWriter& out) { out.event(errorBody(error)); }

void NativeGeminiStream::chunk(std::string_view data, std::string_view framed, http::SseWriter& out) {
    if (framed.empty()) out.event(data);
    else out.raw(framed);
}

void NativeGeminiStream::fail(const core::GatewayError& error, http::SseWriter& out) { out.event(errorBody(error)); }

}  // namespace portico::api::gemini
