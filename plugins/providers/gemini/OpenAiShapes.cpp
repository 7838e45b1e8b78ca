#include "OpenAiShapes.h"

#include <ctime>
#include <random>

namespace portico::gemini {
namespace {

std::string randomHex(size_t digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::string out;
    out.reserve(digits);
    while (out.size() < digits) {
        uint64_t bits = engine();
        for (int i = 0; i < 16 && out.size() < digits; ++i, bits >>= 4) out.push_back(kHex[bits & 0xf]);
    }
    return out;
}

void writeUsage(JsonWriter& out, const portico_usage& usage) {
    writeKey(out, "usage");
    out.StartObject();
    writeKey(out, "prompt_tokens");
    out.Uint64(usage.prompt_tokens);
    writeKey(out, "completion_tokens");
    out.Uint64(usage.completion_tokens);
    writeKey(out, "total_tokens");
    out.Uint64(usage.total_tokens);
    writeKey(out, "prompt_tokens_details");
    out.StartObject();
    writeKey(out, "cached_tokens");
    out.Uint64(usage.cached_tokens);
    out.EndObject();
    writeKey(out, "completion_tokens_details");
    out.StartObject();
    writeKey(out, "reasoning_tokens");
    out.Uint64(usage.reasoning_tokens);
    out.EndObject();
    out.EndObject();
}

void writeChoice(JsonWriter& out, uint64_t index, const GeminiCandidate* candidate, std::string_view finish_reason) {
    out.StartObject();
    writeKey(out, "index");
    out.Uint64(index);
    writeKey(out, "message");
    out.StartObject();
    writeKey(out, "role");
    writeString(out, "assistant");
    writeKey(out, "content");
    if (candidate && !candidate->text.empty()) writeString(out, candidate->text);
    else out.Null();
    if (candidate && !candidate->reasoning.empty()) {
        writeKey(out, "reasoning_content");
        writeString(out, candidate->reasoning);
    }
    if (candidate && !candidate->calls.empty()) {
        writeKey(out, "tool_calls");
        writeToolCalls(out, candidate->calls, -1);
    }
    out.EndObject();
    writeKey(out, "logprobs");
    out.Null();
    writeKey(out, "finish_reason");
    writeString(out, finish_reason);
    out.EndObject();
}

}  // namespace

std::string newToolCallId() { return "call_" + randomHex(24); }

std::string completionId(std::string_view response_id) {
    return "chatcmpl-" + (response_id.empty() ? randomHex(24) : std::string(response_id));
}

void writeToolCalls(JsonWriter& out, const std::vector<GeminiFunctionCall>& calls, int64_t first_index) {
    out.StartArray();
    int64_t index = first_index;
    for (const GeminiFunctionCall& call : calls) {
        out.StartObject();
        if (first_index >= 0) {
            writeKey(out, "index");
            out.Int64(index++);
        }
        writeKey(out, "id");
        writeString(out, newToolCallId());
        writeKey(out, "type");
        writeString(out, "function");
        writeKey(out, "function");
        out.StartObject();
        writeKey(out, "name");
        writeString(out, call.name);
        writeKey(out, "arguments");
        writeString(out, call.arguments);
        out.EndObject();
        out.EndObject();
    }
    out.EndArray();
}

std::string chatCompletion(const GeminiReply& reply, std::string_view model) {
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "id");
    writeString(out, completionId(reply.response_id));
    writeKey(out, "object");
    writeString(out, "chat.completion");
    writeKey(out, "created");
    out.Int64(static_cast<int64_t>(std::time(nullptr)));
    writeKey(out, "model");
    writeString(out, model);
    writeKey(out, "choices");
    out.StartArray();
    if (reply.candidates.empty()) {
        writeChoice(out, 0, nullptr, reply.block_reason.empty() ? "stop" : "content_filter");
    }
    for (const GeminiCandidate& candidate : reply.candidates)
        writeChoice(out, candidate.index, &candidate, openAiFinishReason(candidate.finish_reason, !candidate.calls.empty()));
    out.EndArray();
    writeUsage(out, reply.usage);
    out.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace portico::gemini
