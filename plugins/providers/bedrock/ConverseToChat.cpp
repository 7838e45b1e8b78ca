#include "ConverseToChat.h"

#include <simdjson.h>

#include <vector>

#include "JsonRead.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::JsonWriter;
using plugin_common::writeKey;
using plugin_common::writeString;
using simdjson::dom::element;
using simdjson::dom::object;

void writeToolCall(JsonWriter& out, object tool_use) {
    const auto id = valueOr<std::string_view>(tool_use["toolUseId"]);
    const auto name = valueOr<std::string_view>(tool_use["name"]);
    element input;
    out.StartObject();
    writeKey(out, "id");
    writeString(out, id);
    writeKey(out, "type");
    writeString(out, "function");
    writeKey(out, "function");
    out.StartObject();
    writeKey(out, "name");
    writeString(out, name);
    writeKey(out, "arguments");
    writeString(out, tool_use["input"].get(input) == simdjson::SUCCESS ? simdjson::minify(input) : std::string("{}"));
    out.EndObject();
    out.EndObject();
}

}  // namespace

TranslatedReply converseToChat(std::string_view body, std::string_view id, std::string_view model, int64_t created_unix) {
    simdjson::dom::parser parser;
    object root;
    simdjson::dom::array content;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS ||
        root["output"]["message"]["content"].get(content) != simdjson::SUCCESS)
        throw plugin_common::PluginError(PORTICO_ERR_UPSTREAM, 502,
                                         "bedrock: upstream answered 2xx with a body that is not a Converse response");

    std::string text, reasoning;
    std::vector<object> tool_uses;
    for (element item : content) {
        std::string_view piece;
        object tool_use;
        if (item["text"].get(piece) == simdjson::SUCCESS) text.append(piece);
        else if (item["toolUse"].get(tool_use) == simdjson::SUCCESS) tool_uses.push_back(tool_use);
        else if (item["reasoningContent"]["reasoningText"]["text"].get(piece) == simdjson::SUCCESS) reasoning.append(piece);
        // images, documents, citations, guard content: nothing in the OpenAI message holds them
    }
    TranslatedReply reply;
    if (element usage; root["usage"].get(usage) == simdjson::SUCCESS) reply.usage = ConverseUsage::from(usage);
    const auto stop_reason = valueOr<std::string_view>(root["stopReason"]);

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "id");
    writeString(out, id);
    writeKey(out, "object");
    writeString(out, "chat.completion");
    writeKey(out, "created");
    out.Int64(created_unix);
    writeKey(out, "model");
    writeString(out, model);
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
        for (const object& tool_use : tool_uses) writeToolCall(out, tool_use);
        out.EndArray();
    }
    out.EndObject();
    writeKey(out, "logprobs");
    out.Null();
    writeKey(out, "finish_reason");
    writeString(out, finishReason(stop_reason));
    out.EndObject();
    out.EndArray();
    writeKey(out, "usage");
    reply.usage.writeOpenAi(out);
    out.EndObject();
    reply.chat_completion.assign(plugin_common::written(buffer));
    return reply;
}

}  // namespace portico::bedrock
