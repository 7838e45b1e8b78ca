#include "GeminiStream.h"

#include <ctime>

#include "JsonOut.h"
#include "OpenAiShapes.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

portico_status emit(std::string_view chunk, portico_chunk_sink& sink) {
    const portico_status status = sink.emit(sink.ctx, toStr(chunk));
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "gemini: the host refused a stream chunk (status " + std::to_string(status) + ")");
    return status;
}

}  // namespace

GeminiStream::GeminiStream(bool native, std::string model)
    : native_(native), model_(std::move(model)), created_(static_cast<int64_t>(std::time(nullptr))) {}

portico_status GeminiStream::feed(std::string_view data, portico_chunk_sink& sink) {
    const std::string_view payload = trimmed(data);
    if (payload.empty()) return PORTICO_OK;
    GeminiReply reply;
    try {
        reply = GeminiReply::parse(parser_, payload);
    } catch (const simdjson::simdjson_error& e) {
        throw PluginError(PORTICO_ERR_UPSTREAM, 502, std::string("gemini sent a malformed stream event: ") + e.what());
    }
    if (reply.error) throwStreamError(*reply.error);
    finished_ = finished_ || reply.finished();

    // Usage first: if the client leaves on this very chunk, the tokens were still spent upstream.
    if (reply.has_usage && PORTICO_HAS(portico_chunk_sink, &sink, usage) && sink.usage) {
        if (sink.usage(sink.ctx, &reply.usage) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    }
    if (native_) return emit(payload, sink);
    if (id_.empty()) id_ = completionId(reply.response_id);
    if (reply.candidates.empty() && reply.block_reason.empty()) return PORTICO_OK;  // a usage-only event
    return emit(chunkFor(reply), sink);
}

void GeminiStream::end() const {
    if (!finished_)
        throw PluginError(PORTICO_ERR_UPSTREAM, 502, "the gemini stream ended without a finishReason: the answer is incomplete");
}

void GeminiStream::writeDelta(JsonWriter& out, const GeminiCandidate& candidate) {
    CandidateState& state = candidates_[candidate.index];
    out.StartObject();
    if (!state.role_sent) {
        writeKey(out, "role");
        writeString(out, "assistant");
        state.role_sent = true;
    }
    if (!candidate.text.empty()) {
        writeKey(out, "content");
        writeString(out, candidate.text);
    }
    if (!candidate.reasoning.empty()) {
        writeKey(out, "reasoning_content");
        writeString(out, candidate.reasoning);
    }
    if (!candidate.calls.empty()) {
        writeKey(out, "tool_calls");
        writeToolCalls(out, candidate.calls, state.tool_calls);
        state.tool_calls += static_cast<int64_t>(candidate.calls.size());
    }
    out.EndObject();
}

std::string GeminiStream::chunkFor(const GeminiReply& reply) {
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
    if (reply.candidates.empty()) {  // a blocked prompt: nothing but the verdict
        out.StartObject();
        writeKey(out, "index");
        out.Uint64(0);
        writeKey(out, "delta");
        writeDelta(out, GeminiCandidate{});
        writeKey(out, "logprobs");
        out.Null();
        writeKey(out, "finish_reason");
        writeString(out, "content_filter");
        out.EndObject();
    }
    for (const GeminiCandidate& candidate : reply.candidates) {
        out.StartObject();
        writeKey(out, "index");
        out.Uint64(candidate.index);
        writeKey(out, "delta");
        writeDelta(out, candidate);
        writeKey(out, "logprobs");
        out.Null();
        writeKey(out, "finish_reason");
        if (candidate.finish_reason.empty()) {
            out.Null();
        } else {
            const bool calledTools = candidates_[candidate.index].tool_calls > 0;
            writeString(out, openAiFinishReason(candidate.finish_reason, calledTools));
        }
        out.EndObject();
    }
    out.EndArray();
    out.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace portico::gemini
