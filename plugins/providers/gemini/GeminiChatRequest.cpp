#include "GeminiChatRequest.h"

#include "GeminiContents.h"
#include "GeminiSchema.h"
#include "JsonOut.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using simdjson::dom::element;

[[noreturn]] void invalid(const std::string& what) { throw PluginError(PORTICO_ERR_INVALID, 400, "gemini: " + what); }

void writeParts(JsonWriter& out, const std::vector<std::string>& parts) {
    writeKey(out, "parts");
    out.StartArray();
    for (const std::string& part : parts) out.RawValue(part.data(), part.size(), rapidjson::kObjectType);
    out.EndArray();
}

void writeConversation(JsonWriter& out, const GeminiConversation& conversation) {
    if (!conversation.system_parts.empty()) {
        writeKey(out, "systemInstruction");
        out.StartObject();
        writeParts(out, conversation.system_parts);
        out.EndObject();
    }
    writeKey(out, "contents");
    out.StartArray();
    for (const GeminiTurn& turn : conversation.turns) {
        out.StartObject();
        writeKey(out, "role");
        writeString(out, turn.role);
        writeParts(out, turn.parts);
        out.EndObject();
    }
    out.EndArray();
}

/// An object schema without properties is what OpenAI clients send for a tool without
/// arguments; Gemini rejects an OBJECT with no properties, so such parameters are left out.
bool hasParameters(element parameters) {
    if (!parameters.is_object()) return false;
    std::string_view type;
    simdjson::dom::object properties;
    if (parameters["type"].get_string().get(type) == simdjson::SUCCESS && type == "object")
        return parameters["properties"].get_object().get(properties) == simdjson::SUCCESS && properties.size() > 0;
    return true;
}

void writeTools(JsonWriter& out, simdjson::dom::array tools) {
    if (tools.size() == 0) return;
    writeKey(out, "tools");
    out.StartArray();
    out.StartObject();
    writeKey(out, "functionDeclarations");
    out.StartArray();
    for (element tool : tools) {
        std::string_view type, name, description;
        if (tool["type"].get_string().get(type) != simdjson::SUCCESS || type != "function")
            throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "gemini: only tools of type \"function\" are supported");
        element function;
        if (tool["function"].get(function) != simdjson::SUCCESS || function["name"].get_string().get(name) != simdjson::SUCCESS)
            invalid("a tool without function.name");
        out.StartObject();
        writeKey(out, "name");
        writeString(out, name);
        if (function["description"].get_string().get(description) == simdjson::SUCCESS) {
            writeKey(out, "description");
            writeString(out, description);
        }
        element parameters;
        if (function["parameters"].get(parameters) == simdjson::SUCCESS && hasParameters(parameters)) {
            writeKey(out, "parameters");
            writeGeminiSchema(out, parameters);
        }
        out.EndObject();
    }
    out.EndArray();
    out.EndObject();
    out.EndArray();
}

/// tool_choice -> toolConfig.functionCallingConfig: auto/none/required -> AUTO/NONE/ANY, a named
/// function -> ANY restricted to it.
void writeToolChoice(JsonWriter& out, element choice) {
    std::string_view mode, name;
    if (choice.get_string().get(mode) == simdjson::SUCCESS) {
        if (mode == "auto") mode = "AUTO";
        else if (mode == "none") mode = "NONE";
        else if (mode == "required") mode = "ANY";
        else invalid("tool_choice \"" + std::string(mode) + "\" is not one of auto, none, required");
    } else if (choice["function"]["name"].get_string().get(name) == simdjson::SUCCESS) {
        mode = "ANY";
    } else {
        invalid("tool_choice must be a string or {type: function, function: {name}}");
    }
    writeKey(out, "toolConfig");
    out.StartObject();
    writeKey(out, "functionCallingConfig");
    out.StartObject();
    writeKey(out, "mode");
    writeString(out, mode);
    if (!name.empty()) {
        writeKey(out, "allowedFunctionNames");
        out.StartArray();
        writeString(out, name);
        out.EndArray();
    }
    out.EndObject();
    out.EndObject();
}

/// generationConfig, written only when the request sets something it holds.
class GenerationConfig {
public:
    explicit GenerationConfig(JsonWriter& out) : out_(out) {}
    ~GenerationConfig() = default;

    void number(element request, std::string_view from, std::string_view to) {
        element value;
        if (request[from].get(value) != simdjson::SUCCESS || value.is_null()) return;
        if (!value.is_number()) invalid(std::string(from) + " must be a number");
        key(to);
        writeElement(out_, value);
    }

    void stop(element request) {
        element value;
        if (request["stop"].get(value) != simdjson::SUCCESS || value.is_null()) return;
        if (!value.is_string() && !value.is_array()) invalid("stop must be a string or an array of strings");
        key("stopSequences");
        if (value.is_string()) out_.StartArray();
        writeElement(out_, value);
        if (value.is_string()) out_.EndArray();
    }

    void responseFormat(element request) {
        std::string_view type;
        element format;
        if (request["response_format"].get(format) != simdjson::SUCCESS || format.is_null()) return;
        if (format["type"].get_string().get(type) != simdjson::SUCCESS) invalid("response_format without a type");
        if (type == "text") return;
        if (type != "json_object" && type != "json_schema")
            invalid("response_format type \"" + std::string(type) + "\" is not one of text, json_object, json_schema");
        key("responseMimeType");
        writeString(out_, "application/json");
        element schema;
        if (type == "json_schema" && format["json_schema"]["schema"].get(schema) == simdjson::SUCCESS) {
            key("responseSchema");
            writeGeminiSchema(out_, schema);
        }
    }

    void close() {
        if (open_) out_.EndObject();
    }

private:
    void key(std::string_view name) {
        if (!open_) {
            writeKey(out_, "generationConfig");
            out_.StartObject();
            open_ = true;
        }
        writeKey(out_, name);
    }

    JsonWriter& out_;
    bool open_ = false;
};

void writeGenerationConfig(JsonWriter& out, element request) {
    GenerationConfig config(out);
    // max_completion_tokens is the current name; max_tokens the deprecated one, used when alone.
    element limit;
    config.number(request, request["max_completion_tokens"].get(limit) == simdjson::SUCCESS && !limit.is_null()
                               ? "max_completion_tokens" : "max_tokens",
                  "maxOutputTokens");
    config.number(request, "temperature", "temperature");
    config.number(request, "top_p", "topP");
    config.number(request, "n", "candidateCount");
    config.number(request, "presence_penalty", "presencePenalty");
    config.number(request, "frequency_penalty", "frequencyPenalty");
    config.number(request, "seed", "seed");
    config.stop(request);
    config.responseFormat(request);
    config.close();
}

}  // namespace

std::string translateChatRequest(std::string_view canonical_json) {
    simdjson::dom::parser parser;
    element request;
    if (parser.parse(canonical_json.data(), canonical_json.size()).get(request) != simdjson::SUCCESS || !request.is_object())
        invalid("the request body is not a JSON object");
    simdjson::dom::array messages;
    if (request["messages"].get_array().get(messages) != simdjson::SUCCESS) invalid("messages must be an array");
    const GeminiConversation conversation = translateMessages(messages);

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeConversation(out, conversation);
    simdjson::dom::array tools;
    if (request["tools"].get_array().get(tools) == simdjson::SUCCESS) writeTools(out, tools);
    element choice;
    if (request["tool_choice"].get(choice) == simdjson::SUCCESS && !choice.is_null()) writeToolChoice(out, choice);
    writeGenerationConfig(out, request);
    out.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace portico::gemini
