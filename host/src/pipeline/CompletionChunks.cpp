#include "pipeline/CompletionChunks.h"

#include <simdjson.h>

#include "core/GatewayError.h"
#include "core/ThreadJsonParser.h"

namespace portico::pipeline {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string fieldJson(object parent, std::string_view key, std::string_view fallback) {
    element value;
    return parent[key].get(value) == simdjson::SUCCESS ? simdjson::minify(value) : std::string(fallback);
}

}  // namespace

std::vector<std::string> streamChunksOf(std::string_view completion_json, bool with_usage) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    object completion;
    simdjson::dom::array choices;
    if (parser->parse(completion_json.data(), completion_json.size()).get_object().get(completion) != simdjson::SUCCESS ||
        completion["choices"].get_array().get(choices) != simdjson::SUCCESS)
        throw core::GatewayError::internal("A post-call guardrail rewrote a streamed response into something that is "
                                           "not a chat.completion object");
    std::string head = "{\"id\":" + fieldJson(completion, "id", "\"\"") +
                       ",\"object\":\"chat.completion.chunk\",\"created\":" + fieldJson(completion, "created", "0") +
                       ",\"model\":" + fieldJson(completion, "model", "\"\"");
    if (element fingerprint; completion["system_fingerprint"].get(fingerprint) == simdjson::SUCCESS)
        head += ",\"system_fingerprint\":" + simdjson::minify(fingerprint);

    std::vector<std::string> chunks;
    std::size_t position = 0;
    for (element item : choices) {
        object choice;
        if (item.get_object().get(choice) != simdjson::SUCCESS) continue;
        chunks.push_back(head + ",\"choices\":[{\"index\":" + fieldJson(choice, "index", std::to_string(position)) +
                         ",\"delta\":" + fieldJson(choice, "message", "{}") +
                         ",\"logprobs\":null,\"finish_reason\":" + fieldJson(choice, "finish_reason", "null") + "}]}");
        ++position;
    }
    if (object usage; with_usage && completion["usage"].get_object().get(usage) == simdjson::SUCCESS)
        chunks.push_back(head + ",\"choices\":[],\"usage\":" + simdjson::minify(usage) + '}');
    return chunks;
}

}  // namespace portico::pipeline
