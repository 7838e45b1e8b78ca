#include "MessageToChat.h"

#include <simdjson.h>

#include <vector>

#include "AnthropicError.h"
#include "JsonOut.h"

namespace portico::anthropic {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string_view stringOr(object from, std::string_view key) {
    std::string_view value;
    return from[key].get(value) == simdjson::SUCCESS ? value : std::string_view();
}

void writeToolCall(JsonWriter& out, object block) {
    out.StartObject();
    writeKey(out, "id");
    writeString(out, stringOr(block, "id"));
    writeKey(out, "type");
    writeString(out, "function");
    writeKey(out, "function");
    out.StartObject();
    writeKey(out, "name");
    writeString(out, stringOr(block, "name"));
    writeKey(out, "arguments");
    element input;
    writeString(out, block["input"].get(input) == simdjson::SUCCESS ? simdjson::minify(input) : std::string("{}"));
    out.EndObject();
    out.EndObject();
}

}  // namespace

std::string_view finishReason(std::string_view stop_reason) {
    if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded") return "length";
    if (stop_reason == "tool_use") return "tool_calls";
    if (stop_reason == "refusal") return "content_filter";
    return "stop";
}

TranslatedMessage messageToChat(std::string_view body, int64_t created_unix) {
    simdjson::dom::parser parser;
    element root;
    object message;
    simdjson::dom::array content;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS || root.get(message) != simdjson::SUCCESS ||
        message["content"].get(content) != simdjson::SUCCESS)
        throw brokenStream("anthropic: upstream answered 2xx with a body that is not a message");

    TranslatedMessage translated;
    std::string text;
    std::string reasoning;
    std::vector<object> tool_uses;
    for (element item : content) {
        object block;
        if (item.get(block) != simdjson::SUCCESS) continue;
        const std::string_view type = stringOr(block, "type");
        if (type == "text") text.append(stringOr(block, "text"));
        else if (type == "thinking") reasoning.append(stringOr(block, "thinking"));
        else if (type == "tool_use") tool_uses.push_back(block);
        // server tool blocks, redacted thinking, citations: nothing in the OpenAI shape holds them
    }
    element usage;
    if (message["usage"].get(usage) == simdjson::SUCCESS) translated.usage.merge(usage);

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "id");
    writeString(out, stringOr(message, "id"));
    writeKey(out, "object");
    writeString(out, "chat.completion");
    writeKey(out, "created");
    out.Int64(created_unix);
    writeKey(out, "model");
    writeString(out, stringOr(message, "model"));
    writeKey(out, "choices");
    out.StartArray();
    out.StartObject();
    writeKey(out, "index");
    out.Int(0);
    writeKey(out, "message");
    out.StartObject();
    writeKey(out, "role");
    writeString(out, "assistant");
    writeKey(out, "content");
    if (text.empty() && !tool_uses.empty()) out.Null();
    else writeString(out, text);
    if (!reasoning.empty()) {
        writeKey(out, "reasoning_content");
        writeString(out, reasoning);
    }
    if (!tool_uses.empty()) {
        writeKey(out, "tool_calls");
        out.StartArray();
        for (const object& block : tool_uses) writeToolCall(out, block);
        out.EndArray();
    }
    out.EndObject();
    writeKey(out, "logprobs");
    out.Null();
    writeKey(out, "finish_reason");
    writeString(out, finishReason(stringOr(message, "stop_reason")));
    out.EndObject();
    out.EndArray();
    writeKey(out, "usage");
    translated.usage.writeOpenAi(out);
    out.EndObject();
    translated.chat_completion.assign(written(buffer));
    return translated;
}

AnthropicUsage usageOfNativeBody(std::string_view body) {
    AnthropicUsage usage;
    simdjson::dom::parser parser;
    element root;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) return usage;
    if (element found; root["usage"].get(found) == simdjson::SUCCESS) usage.merge(found);
    return usage;
}

}  // namespace portico::anthropic
