#include "pipeline/ChatAnswer.h"

#include "core/GatewayError.h"
#include "pipeline/RequestJson.h"

namespace portico::pipeline {
namespace {

core::GatewayError notACompletion(std::string_view what) {
    return core::GatewayError(502, "api_error", {}, "The provider's answer is not a chat completion: " + std::string(what));
}

}  // namespace

std::string toolArgumentsObject(std::string_view arguments) {
    if (arguments.find_first_not_of(" \t\r\n") == std::string_view::npos) return "{}";
    // A parser of its own: the caller's may still hold the completion the arguments came from.
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(arguments.data(), arguments.size()).get_object().get(object))
        throw notACompletion("a tool call's arguments are not a JSON object");
    return simdjson::minify(object);
}

ChatAnswer readChatAnswer(std::string_view chat_completion, simdjson::dom::parser& parser) {
    simdjson::dom::object completion, message;
    if (parser.parse(chat_completion.data(), chat_completion.size()).get_object().get(completion))
        throw notACompletion("not a JSON object");
    simdjson::dom::array choices;
    if (completion["choices"].get_array().get(choices) || choices.size() == 0 ||
        choices.at(0)["message"].get_object().get(message))
        throw notACompletion("no choices[0].message");
    ChatAnswer answer;
    readIfPresent(completion["id"].get_string(), answer.id);
    readIfPresent(choices.at(0)["finish_reason"].get_string(), answer.finish_reason);
    readIfPresent(message["content"].get_string(), answer.content);
    readIfPresent(message["reasoning_content"].get_string(), answer.reasoning);
    simdjson::dom::array calls;
    if (!message["tool_calls"].get_array().get(calls))
        for (simdjson::dom::element call : calls) {
            ChatAnswer::ToolCall tool_call;
            if (call.at_pointer("/function/name").get_string().get(tool_call.name))
                throw notACompletion("a tool call without function.name");
            readIfPresent(call["id"].get_string(), tool_call.id);
            std::string_view arguments;
            readIfPresent(call.at_pointer("/function/arguments").get_string(), arguments);
            tool_call.arguments = toolArgumentsObject(arguments);
            answer.tool_calls.push_back(std::move(tool_call));
        }
    simdjson::dom::object counts;
    if (!completion["usage"].get_object().get(counts)) {
        portico_usage& usage = answer.usage;
        readIfPresent(counts["prompt_tokens"].get_uint64(), usage.prompt_tokens);
        readIfPresent(counts["completion_tokens"].get_uint64(), usage.completion_tokens);
        readIfPresent(counts["total_tokens"].get_uint64(), usage.total_tokens);
        readIfPresent(counts.at_pointer("/prompt_tokens_details/cached_tokens").get_uint64(), usage.cached_tokens);
        readIfPresent(counts.at_pointer("/prompt_tokens_details/cache_write_tokens").get_uint64(), usage.cache_creation_tokens);
        readIfPresent(counts.at_pointer("/completion_tokens_details/reasoning_tokens").get_uint64(), usage.reasoning_tokens);
    }
    return answer;
}

}  // namespace portico::pipeline
