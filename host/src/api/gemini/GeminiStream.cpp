#include "api/gemini/GeminiStream.h"

#include <simdjson.h>

#include "api/gemini/ChatToGemini.h"
#include "api/gemini/GeminiErrors.h"
#include "core/GatewayError.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

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
    simdjson::dom::object chunk;
    if (parser->parse(data.data(), data.size()).get_object().get(chunk)) return;  // not a chunk: nothing to say
    if (response_id_.empty()) {
        std::string_view id;
        if (pipeline::readIfPresent(chunk["id"].get_string(), id)) response_id_ = id;
    }
    simdjson::dom::array choices;
    simdjson::dom::object delta;
    if (chunk["choices"].get_array().get(choices) || choices.size() == 0) return;
    const simdjson::dom::element choice = choices.at(0).value_unsafe();
    std::string_view finish, text;
    if (pipeline::readIfPresent(choice["finish_reason"].get_string(), finish)) finish_reason_ = finish;
    if (choice["delta"].get_object().get(delta)) return;
    std::string parts;
    if (pipeline::readIfPresent(delta["reasoning_content"].get_string(), text) && !text.empty())
        appendTextPart(parts, text, true);
    if (pipeline::readIfPresent(delta["content"].get_string(), text) && !text.empty()) appendTextPart(parts, text, false);
    if (!parts.empty()) send(parts, {}, {}, out);
    simdjson::dom::array calls;
    if (delta["tool_calls"].get_array().get(calls)) return;
    for (simdjson::dom::element call : calls) {
        int64_t index = 0;
        pipeline::readIfPresent(call["index"].get_int64(), index);
        PendingCall& pending = calls_[index];
        std::string_view piece;
        if (pipeline::readIfPresent(call["id"].get_string(), piece) && !piece.empty()) pending.id = piece;
        if (pipeline::readIfPresent(call.at_pointer("/function/name").get_string(), piece) && !piece.empty())
            pending.name = piece;
        if (pipeline::readIfPresent(call.at_pointer("/function/arguments").get_string(), piece))
            pending.arguments.append(piece);
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
