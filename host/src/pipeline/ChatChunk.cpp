#include "pipeline/ChatChunk.h"

#include "pipeline/RequestJson.h"

namespace portico::pipeline {

bool readChatChunk(std::string_view data, simdjson::dom::parser& parser, ChatChunk& out) {
    out = ChatChunk{};
    simdjson::dom::object chunk;
    if (parser.parse(data.data(), data.size()).get_object().get(chunk)) return false;
    readIfPresent(chunk["id"].get_string(), out.id);
    simdjson::dom::array choices;
    simdjson::dom::object delta;
    if (chunk["choices"].get_array().get(choices) || choices.size() == 0) return true;
    const simdjson::dom::element choice = choices.at(0).value_unsafe();
    readIfPresent(choice["finish_reason"].get_string(), out.finish_reason);
    if (choice["delta"].get_object().get(delta)) return true;
    readIfPresent(delta["content"].get_string(), out.content);
    readIfPresent(delta["reasoning_content"].get_string(), out.reasoning);
    simdjson::dom::array calls;
    if (delta["tool_calls"].get_array().get(calls)) return true;
    for (simdjson::dom::element call : calls) {
        ToolCallDelta piece;
        readIfPresent(call["index"].get_int64(), piece.index);
        readIfPresent(call["id"].get_string(), piece.id);
        readIfPresent(call.at_pointer("/function/name").get_string(), piece.name);
        readIfPresent(call.at_pointer("/function/arguments").get_string(), piece.arguments);
        out.tool_calls.push_back(piece);
    }
    return true;
}

}  // namespace portico::pipeline
