#include "pipeline/CompletionAssembler.h"

#include <simdjson.h>

#include "core/GatewayError.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"

namespace portico::pipeline {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string_view stringOr(object parent, std::string_view key, std::string_view fallback = {}) {
    std::string_view value;
    return parent[key].get_string().get(value) == simdjson::SUCCESS ? value : fallback;
}

void appendIfString(std::optional<std::string>& target, object parent, std::string_view key) {
    std::string_view piece;
    if (parent[key].get_string().get(piece) != simdjson::SUCCESS) return;
    if (!target) target.emplace();
    target->append(piece);
}

void addToolCalls(std::map<int64_t, CompletionAssembler::ToolCall>& calls, element fragments) {
    simdjson::dom::array list;
    if (fragments.get_array().get(list) != simdjson::SUCCESS) return;
    for (element item : list) {
        object fragment;
        if (item.get_object().get(fragment) != simdjson::SUCCESS) continue;
        int64_t index = 0;
        if (fragment["index"].get_int64().get(index) != simdjson::SUCCESS) index = static_cast<int64_t>(calls.size());
        CompletionAssembler::ToolCall& call = calls[index];
        if (const std::string_view id = stringOr(fragment, "id"); !id.empty()) call.id = id;
        if (const std::string_view type = stringOr(fragment, "type"); !type.empty()) call.type = type;
        object function;
        if (fragment["function"].get_object().get(function) != simdjson::SUCCESS) continue;
        call.name.append(stringOr(function, "name"));
        call.arguments.append(stringOr(function, "arguments"));
    }
}

void addChoice(CompletionAssembler::Choice& choice, object source) {
    if (object delta; source["delta"].get_object().get(delta) == simdjson::SUCCESS) {
        if (const std::string_view role = stringOr(delta, "role"); !role.empty()) choice.role = role;
        appendIfString(choice.content, delta, "content");
        appendIfString(choice.refusal, delta, "refusal");
        if (element calls; delta["tool_calls"].get(calls) == simdjson::SUCCESS) addToolCalls(choice.tool_calls, calls);
    }
    if (std::string_view reason; source["finish_reason"].get_string().get(reason) == simdjson::SUCCESS)
        choice.finish_reason_json = core::jsonString(reason);
}

void appendOptionalString(std::string& out, const std::optional<std::string>& value) {
    if (value) core::appendJsonString(out, *value);
    else out += "null";
}

void appendMessage(std::string& out, const CompletionAssembler::Choice& choice) {
    out += "{\"role\":";
    core::appendJsonString(out, choice.role);
    out += ",\"content\":";
    appendOptionalString(out, choice.content);
    out += ",\"refusal\":";
    appendOptionalString(out, choice.refusal);
    if (!choice.tool_calls.empty()) {
        out += ",\"tool_calls\":[";
        bool first = true;
        for (const auto& [index, call] : choice.tool_calls) {
            if (!first) out += ',';
            first = false;
            out += "{\"id\":";
            core::appendJsonString(out, call.id);
            out += ",\"type\":";
            core::appendJsonString(out, call.type);
            out += ",\"function\":{\"name\":";
            core::appendJsonString(out, call.name);
            out += ",\"arguments\":";
            core::appendJsonString(out, call.arguments);
            out += "}}";
        }
        out += ']';
    }
    out += '}';
}

}  // namespace

void CompletionAssembler::add(std::string_view chunk_json) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    object chunk;
    if (parser->parse(chunk_json.data(), chunk_json.size()).get_object().get(chunk) != simdjson::SUCCESS)
        throw core::GatewayError(502, "api_error", {},
                                 "The provider sent a stream chunk that is not a JSON object, so the post-call "
                                 "guardrails could not check the response");
    if (!has_header_) {
        has_header_ = true;
        if (element id; chunk["id"].get(id) == simdjson::SUCCESS) id_json_ = simdjson::minify(id);
        if (element model; chunk["model"].get(model) == simdjson::SUCCESS) model_json_ = simdjson::minify(model);
        if (element created; chunk["created"].get(created) == simdjson::SUCCESS) created_json_ = simdjson::minify(created);
        if (element fingerprint; chunk["system_fingerprint"].get(fingerprint) == simdjson::SUCCESS)
            fingerprint_json_ = simdjson::minify(fingerprint);
    }
    if (simdjson::dom::array choices; chunk["choices"].get_array().get(choices) == simdjson::SUCCESS) {
        for (element item : choices) {
            object choice;
            if (item.get_object().get(choice) != simdjson::SUCCESS) continue;
            int64_t index = 0;
            if (choice["index"].get_int64().get(index) != simdjson::SUCCESS) index = 0;
            addChoice(choices_[index], choice);
        }
    }
    if (object usage; chunk["usage"].get_object().get(usage) == simdjson::SUCCESS) usage_json_ = simdjson::minify(usage);
}

std::string CompletionAssembler::completion() const {
    std::string out = "{\"id\":" + id_json_ + ",\"object\":\"chat.completion\",\"created\":" + created_json_ +
                      ",\"model\":" + model_json_;
    if (fingerprint_json_) out += ",\"system_fingerprint\":" + *fingerprint_json_;
    out += ",\"choices\":[";
    bool first = true;
    for (const auto& [index, choice] : choices_) {
        if (!first) out += ',';
        first = false;
        out += "{\"index\":" + std::to_string(index) + ",\"message\":";
        appendMessage(out, choice);
        out += ",\"logprobs\":null,\"finish_reason\":" + choice.finish_reason_json + '}';
    }
    out += "],\"usage\":" + usage_json_.value_or("null") + '}';
    return out;
}

}  // namespace portico::pipeline
