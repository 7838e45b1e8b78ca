#include "api/openai/ResponsesToChat.h"

#include "core/GatewayError.h"
#include "core/Json.h"
#include "pipeline/RequestJson.h"

namespace portico::api::openai {
namespace {

using pipeline::appendMemberKey;
using pipeline::invalidField;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

/// A message item's content: a string, or input_text / output_text / input_image parts.
void appendContent(std::string& out, element content, const std::string& where) {
    std::string_view text;
    if (!content.get_string().get(text)) return core::appendJsonString(out, text);
    array parts;
    if (content.get_array().get(parts)) throw invalidField(where, "must be a string or an array of parts");
    out.push_back('[');
    std::size_t index = 0;
    for (element part : parts) {
        const std::string part_where = where + "[" + std::to_string(index) + "]";
        std::string_view type, url;
        pipeline::readIfPresent(part["type"].get_string(), type);
        if (index++) out.push_back(',');
        if (type == "input_text" || type == "output_text") {
            if (part["text"].get_string().get(text)) throw invalidField(part_where + ".text", "is required");
            out.append("{\"type\":\"text\",\"text\":");
            core::appendJsonString(out, text);
            out.push_back('}');
        } else if (type == "input_image" && !part["image_url"].get_string().get(url)) {
            out.append("{\"type\":\"image_url\",\"image_url\":{\"url\":");
            core::appendJsonString(out, url);
            out.append("}}");
        } else {
            throw invalidField(part_where, "'" + std::string(type) + "' parts need an OpenAI upstream (file ids and files are not translated)");
        }
    }
    out.push_back(']');
}

void appendInput(std::string& out, bool& first, element input) {
    const auto separator = [&] {
        if (!first) out.push_back(',');
        first = false;
    };
    std::string_view text;
    if (!input.get_string().get(text)) {
        separator();
        out.append("{\"role\":\"user\",\"content\":");
        core::appendJsonString(out, text);
        out.push_back('}');
        return;
    }
    std::string calls;  // consecutive function_call items: one assistant message
    const auto flushCalls = [&] {
        if (calls.empty()) return;
        separator();
        out.append("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[").append(calls).append("]}");
        calls.clear();
    };
    const array items = input.get_array().value_unsafe();
    std::size_t index = 0;
    for (element item : items) {
        const std::string where = "input[" + std::to_string(index++) + "]";
        std::string_view type = "message", role, call_id, name, arguments, output;
        pipeline::readIfPresent(item["type"].get_string(), type);
        if (type == "function_call") {
            if (item["call_id"].get_string().get(call_id) || item["name"].get_string().get(name))
                throw invalidField(where, "a function_call needs call_id and name");
            pipeline::readIfPresent(item["arguments"].get_string(), arguments);
            if (!calls.empty()) calls.push_back(',');
            calls.append("{\"id\":");
            core::appendJsonString(calls, call_id);
            calls.append(",\"type\":\"function\",\"function\":{\"name\":");
            core::appendJsonString(calls, name);
            calls.append(",\"arguments\":");
            core::appendJsonString(calls, arguments);
            calls.append("}}");
            continue;
        }
        flushCalls();
        if (type == "function_call_output") {
            element value;
            if (item["call_id"].get_string().get(call_id) || item["output"].get(value))
                throw invalidField(where, "a function_call_output needs call_id and output");
            separator();
            out.append("{\"role\":\"tool\",\"tool_call_id\":");
            core::appendJsonString(out, call_id);
            out.append(",\"content\":");
            if (!value.get_string().get(output)) core::appendJsonString(out, output);
            else core::appendJsonString(out, simdjson::minify(value));
            out.push_back('}');
        } else if (type == "message") {
            element content;
            if (item["role"].get_string().get(role) || item["content"].get(content))
                throw invalidField(where, "a message needs role and content");
            if (role != "user" && role != "assistant" && role != "system" && role != "developer")
                throw invalidField(where + ".role", "must be user, assistant, system or developer");
            separator();
            out.append("{\"role\":");
            core::appendJsonString(out, role);
            out.append(",\"content\":");
            appendContent(out, content, where + ".content");
            out.push_back('}');
        } else if (type != "reasoning") {
            // Reasoning items are the model's own earlier output: chat has no place to send them back.
            throw invalidField(where, "'" + std::string(type) + "' items need an OpenAI upstream");
        }
    }
    flushCalls();
}

void appendTools(std::string& out, object request) {
    array tools;
    if (request["tools"].get_array().get(tools) || tools.size() == 0) return;
    out.append(",\"tools\":[");
    std::size_t index = 0;
    for (element tool : tools) {
        const std::string where = "tools[" + std::to_string(index) + "]";
        std::string_view type, name;
        pipeline::readIfPresent(tool["type"].get_string(), type);
        if (type != "function") throw invalidField(where, "built-in tools ('" + std::string(type) + "') need an OpenAI upstream");
        if (tool["name"].get_string().get(name)) throw invalidField(where + ".name", "is required");
        if (index++) out.push_back(',');
        out.append("{\"type\":\"function\",\"function\":{\"name\":");
        core::appendJsonString(out, name);
        for (std::string_view key : {"description", "parameters", "strict"}) {
            element value;
            if (!tool[key].get(value) && !value.is_null()) {
                appendMemberKey(out, key);
                out.append(simdjson::minify(value));
            }
        }
        out.append("}}");
    }
    out.push_back(']');
    element choice;
    if (request["tool_choice"].get(choice) || choice.is_null()) return;
    std::string_view name;
    if (choice.is_string()) {
        appendMemberKey(out, "tool_choice");
        out.append(simdjson::minify(choice));
    } else if (!choice["name"].get_string().get(name)) {
        out.append(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":");
        core::appendJsonString(out, name);
        out.append("}}");
    }
}

void appendTextFormat(std::string& out, object request) {
    object format;
    std::string_view type;
    if (request.at_pointer("/text/format").get_object().get(format) || format["type"].get_string().get(type)) return;
    if (type == "json_object") {
        out.append(",\"response_format\":{\"type\":\"json_object\"}");
    } else if (type == "json_schema") {
        out.append(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{");
        bool first = true;
        for (std::string_view key : {"name", "schema", "strict", "description"}) {
            element value;
            if (format[key].get(value) || value.is_null()) continue;
            if (!first) out.push_back(',');
            first = false;
            core::appendJsonString(out, key);
            out.push_back(':');
            out.append(simdjson::minify(value));
        }
        out.append("}}");
    }
}

}  // namespace

std::string responsesToChat(object request, std::string_view model) {
    element previous;
    if (!request["previous_response_id"].get(previous) && !previous.is_null())
        throw invalidField("previous_response_id",
                           "responses are not stored for this model's provider (stateless); send the whole conversation as input");
    std::string out = "{\"model\":";
    core::appendJsonString(out, model);
    out.append(",\"messages\":[");
    bool first = true;
    std::string_view instructions;
    if (!request["instructions"].get_string().get(instructions)) {
        out.append("{\"role\":\"system\",\"content\":");
        core::appendJsonString(out, instructions);
        out.push_back('}');
        first = false;
    }
    appendInput(out, first, request["input"].value_unsafe());
    out.push_back(']');
    constexpr std::pair<std::string_view, std::string_view> kRenamed[] = {
        {"max_output_tokens", "max_tokens"}, {"temperature", "temperature"}, {"top_p", "top_p"},
        {"parallel_tool_calls", "parallel_tool_calls"}, {"user", "user"}, {"safety_identifier", "user"}};
    bool has_user = false;
    for (const auto& [from, to] : kRenamed) {
        element value;
        if (request[from].get(value) || value.is_null()) continue;
        if (to == "user") {
            if (has_user) continue;
            has_user = true;
        }
        appendMemberKey(out, to);
        out.append(simdjson::minify(value));
    }
    appendTools(out, request);
    appendTextFormat(out, request);
    bool stream = false;
    if (!request["stream"].get_bool().get(stream) && stream)
        out.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    out.push_back('}');
    return out;
}

}  // namespace portico::api::openai
