#include "ChatToConverse.h"

#include <simdjson.h>

#include <optional>
#include <set>

#include "common/JsonOut.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::JsonWriter;
using plugin_common::PluginError;
using plugin_common::writeElement;
using plugin_common::writeKey;
using plugin_common::writeString;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

[[noreturn]] void invalid(const std::string& message) { throw PluginError(PORTICO_ERR_INVALID, 400, "bedrock: " + message); }
[[noreturn]] void unsupported(const std::string& message) {
    throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "bedrock: " + message);
}

/// The value at `key`, or nullopt when absent or null (clients send null for "not set").
std::optional<element> field(object from, std::string_view key) {
    element value;
    if (from[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

std::string_view stringOr(object from, std::string_view key) {
    std::string_view value;
    return from[key].get(value) == simdjson::SUCCESS ? value : std::string_view();
}

/// Writes `messages`, opening a message only when its first block comes and merging consecutive
/// blocks of one role into one message, since Converse wants strictly alternating turns.
class TurnWriter {
public:
    explicit TurnWriter(JsonWriter& out) : out_(out) {}

    JsonWriter& block(std::string_view role) {
        if (role != open_role_) {
            close();
            out_.StartObject();
            writeKey(out_, "role");
            writeString(out_, role);
            writeKey(out_, "content");
            out_.StartArray();
            open_role_ = role;
        }
        return out_;
    }

    void close() {
        if (open_role_.empty()) return;
        out_.EndArray();
        out_.EndObject();
        open_role_ = {};
    }

private:
    JsonWriter& out_;
    std::string_view open_role_;
};

void writeText(JsonWriter& out, std::string_view text) {
    out.StartObject();
    writeKey(out, "text");
    writeString(out, text);
    out.EndObject();
}

/// "data:image/png;base64,...." -> {image:{format:"png", source:{bytes:"...."}}}. Converse's
/// blobs are base64 strings in JSON, so the data URL's payload is copied, not decoded.
void writeImage(JsonWriter& out, object part, const std::string& where) {
    std::string_view url;
    element image_url;
    if (part["image_url"].get(image_url) == simdjson::SUCCESS) {
        if (image_url.get_string().get(url) != simdjson::SUCCESS) url = stringOr(image_url.get_object().value_unsafe(), "url");
    }
    if (!url.starts_with("data:"))
        unsupported(where + ": only data: image URLs can be sent to Bedrock (it takes image bytes, not URLs)");
    constexpr std::string_view kMarker = ";base64,";
    const std::size_t marker = url.find(kMarker);
    if (marker == std::string_view::npos) invalid(where + ": the image data URL is not base64");
    std::string_view mime = url.substr(5, marker - 5);
    if (!mime.starts_with("image/")) invalid(where + ": the data URL is not an image");
    mime.remove_prefix(6);
    std::string_view format;
    for (const std::string_view known : {"png", "jpeg", "gif", "webp"})
        if (mime == known) format = known;
    if (mime == "jpg") format = "jpeg";
    if (format.empty()) unsupported(where + ": Bedrock takes png, jpeg, gif and webp images, not image/" + std::string(mime));
    out.StartObject();
    writeKey(out, "image");
    out.StartObject();
    writeKey(out, "format");
    writeString(out, format);
    writeKey(out, "source");
    out.StartObject();
    writeKey(out, "bytes");
    writeString(out, url.substr(marker + kMarker.size()));
    out.EndObject();
    out.EndObject();
    out.EndObject();
}

/// Calls onText for each non-empty text of `content` (a string or text parts); other parts go to
/// onOther(part, type), or are refused when it is null.
template <typename OnText, typename OnOther>
void forEachPart(std::optional<element> content, const std::string& where, OnText&& onText, OnOther&& onOther) {
    if (!content) return;
    std::string_view text;
    if (content->get(text) == simdjson::SUCCESS) {
        if (!text.empty()) onText(text);
        return;
    }
    array parts;
    if (content->get(parts) != simdjson::SUCCESS) invalid(where + ".content must be a string or an array of parts");
    for (element item : parts) {
        object part;
        if (item.get(part) != simdjson::SUCCESS) invalid(where + ".content parts must be objects");
        const std::string_view type = stringOr(part, "type");
        if (type == "text") {
            if (const std::string_view part_text = stringOr(part, "text"); !part_text.empty()) onText(part_text);
        } else {
            onOther(part, type);
        }
    }
}

template <typename OnText>
void forEachText(std::optional<element> content, const std::string& where, OnText&& onText) {
    forEachPart(content, where, onText, [&](object, std::string_view type) {
        unsupported(where + ": content parts of type '" + std::string(type) + "' are not translated here");
    });
}

bool isSystemRole(std::string_view role) { return role == "system" || role == "developer"; }

void writeUser(TurnWriter& turns, object message, const std::string& where) {
    forEachPart(
        field(message, "content"), where, [&](std::string_view text) { writeText(turns.block("user"), text); },
        [&](object part, std::string_view type) {
            if (type != "image_url")
                unsupported(where + ": content parts of type '" + std::string(type) + "' are not translated to Bedrock");
            writeImage(turns.block("user"), part, where);
        });
}

void writeToolUse(JsonWriter& out, object call, simdjson::dom::parser& arguments_parser, const std::string& where) {
    object function;
    if (stringOr(call, "type") != "function" && !stringOr(call, "type").empty())
        unsupported(where + ": only function tool calls are translated");
    if (call["function"].get(function) != simdjson::SUCCESS) invalid(where + ": a tool call without function");
    const std::string_view arguments = stringOr(function, "arguments");
    out.StartObject();
    writeKey(out, "toolUse");
    out.StartObject();
    writeKey(out, "toolUseId");
    writeString(out, converseToolId(stringOr(call, "id")));
    writeKey(out, "name");
    writeString(out, stringOr(function, "name"));
    writeKey(out, "input");
    if (arguments.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.StartObject();  // no arguments: Converse wants an object all the same
        out.EndObject();
    } else {
        element input;
        if (arguments_parser.parse(arguments.data(), arguments.size()).get(input) != simdjson::SUCCESS || !input.is_object())
            invalid(where + ": tool call arguments are not a JSON object");
        writeElement(out, input);
    }
    out.EndObject();
    out.EndObject();
}

void writeAssistant(TurnWriter& turns, object message, simdjson::dom::parser& arguments_parser, const std::string& where) {
    forEachText(field(message, "content"), where, [&](std::string_view text) { writeText(turns.block("assistant"), text); });
    array calls;
    if (const auto tool_calls = field(message, "tool_calls"); tool_calls && tool_calls->get(calls) == simdjson::SUCCESS) {
        std::size_t index = 0;
        for (element item : calls) {
            object call;
            if (item.get(call) != simdjson::SUCCESS) invalid(where + ".tool_calls items must be objects");
            writeToolUse(turns.block("assistant"), call, arguments_parser, where + ".tool_calls[" + std::to_string(index++) + "]");
        }
    }
}

void writeToolResult(TurnWriter& turns, object message, const std::string& where) {
    JsonWriter& out = turns.block("user");
    out.StartObject();
    writeKey(out, "toolResult");
    out.StartObject();
    writeKey(out, "toolUseId");
    writeString(out, converseToolId(stringOr(message, "tool_call_id")));
    writeKey(out, "content");
    out.StartArray();
    forEachText(field(message, "content"), where, [&](std::string_view text) { writeText(out, text); });
    out.EndArray();
    out.EndObject();
    out.EndObject();
}

struct History {
    bool has_tool_blocks = false;
    std::set<std::string, std::less<>> tool_names;  ///< names called in the history
};

History historyOf(array messages) {
    History history;
    for (element item : messages) {
        object message;
        if (item.get(message) != simdjson::SUCCESS) continue;
        if (stringOr(message, "role") == "tool") history.has_tool_blocks = true;
        array calls;
        if (message["tool_calls"].get(calls) != simdjson::SUCCESS) continue;
        for (element call : calls) {
            history.has_tool_blocks = true;
            std::string_view name;
            if (call["function"]["name"].get(name) == simdjson::SUCCESS) history.tool_names.emplace(name);
        }
    }
    return history;
}

void writeSystem(JsonWriter& out, array messages) {
    bool open = false;
    std::size_t index = 0;
    for (element item : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message;
        if (item.get(message) != simdjson::SUCCESS || !isSystemRole(stringOr(message, "role"))) continue;
        forEachText(field(message, "content"), where, [&](std::string_view text) {
            if (!open) {
                writeKey(out, "system");
                out.StartArray();
                open = true;
            }
            writeText(out, text);
        });
    }
    if (open) out.EndArray();
}

void writeMessages(JsonWriter& out, array messages) {
    writeKey(out, "messages");
    out.StartArray();
    TurnWriter turns(out);
    simdjson::dom::parser arguments_parser;
    std::size_t index = 0;
    for (element item : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message;
        if (item.get(message) != simdjson::SUCCESS) invalid(where + " must be an object");
        const std::string_view role = stringOr(message, "role");
        if (isSystemRole(role)) continue;
        if (role == "user") writeUser(turns, message, where);
        else if (role == "assistant") writeAssistant(turns, message, arguments_parser, where);
        else if (role == "tool") writeToolResult(turns, message, where);
        else invalid(where + ".role '" + std::string(role) + "' is not one of system, developer, user, assistant, tool");
    }
    turns.close();
    out.EndArray();
}

void writeToolSpec(JsonWriter& out, std::string_view name, std::string_view description, std::optional<element> schema) {
    out.StartObject();
    writeKey(out, "toolSpec");
    out.StartObject();
    writeKey(out, "name");
    writeString(out, name);
    if (!description.empty()) {
        writeKey(out, "description");
        writeString(out, description);
    }
    writeKey(out, "inputSchema");
    out.StartObject();
    writeKey(out, "json");
    if (schema && schema->is_object()) {
        writeElement(out, *schema);
    } else {
        out.StartObject();  // a function without parameters still needs an object schema
        writeKey(out, "type");
        writeString(out, "object");
        writeKey(out, "properties");
        out.StartObject();
        out.EndObject();
        out.EndObject();
    }
    out.EndObject();
    out.EndObject();
    out.EndObject();
}

/// tool_choice: auto -> {auto:{}}, required -> {any:{}}, {function:{name}} -> {tool:{name}};
/// "none" has no Converse form: the tools are left out (returns false), unless the history has
/// tool blocks, which need a toolConfig, when auto is the closest Converse allows.
bool writeToolChoice(JsonWriter& out, std::optional<element> choice, bool history_needs_tools) {
    std::string_view mode = "auto";
    std::string_view name;
    if (choice) {
        if (choice->get(mode) != simdjson::SUCCESS) {
            mode = "function";
            if ((*choice)["function"]["name"].get(name) != simdjson::SUCCESS) invalid("tool_choice must name a function");
        }
    }
    if (mode == "none") {
        if (!history_needs_tools) return false;
        mode = "auto";
    }
    writeKey(out, "toolChoice");
    out.StartObject();
    if (mode == "auto") {
        writeKey(out, "auto");
    } else if (mode == "required") {
        writeKey(out, "any");
    } else if (mode == "function") {
        writeKey(out, "tool");
        out.StartObject();
        writeKey(out, "name");
        writeString(out, name);
        out.EndObject();
        out.EndObject();
        return true;
    } else {
        invalid("tool_choice '" + std::string(mode) + "' is not auto, none, required or a function");
    }
    out.StartObject();
    out.EndObject();
    out.EndObject();
    return true;
}

/// toolConfig from `tools`, or, when the history holds tool blocks but the request has no tools,
/// specs synthesized from the names called (Converse refuses such a history without toolConfig).
void writeToolConfig(JsonWriter& out, object request, const History& history) {
    array tools;
    const auto tools_field = field(request, "tools");
    const bool have_tools = tools_field && tools_field->get(tools) == simdjson::SUCCESS && tools.size() > 0;
    if (!have_tools && !history.has_tool_blocks) return;
    const auto choice = field(request, "tool_choice");
    std::string_view choice_mode;
    if (choice && choice->get(choice_mode) == simdjson::SUCCESS && choice_mode == "none" && !history.has_tool_blocks)
        return;

    writeKey(out, "toolConfig");
    out.StartObject();
    writeKey(out, "tools");
    out.StartArray();
    std::set<std::string, std::less<>> declared;
    if (have_tools) {
        std::size_t index = 0;
        for (element item : tools) {
            const std::string where = "tools[" + std::to_string(index++) + "]";
            object tool, function;
            if (item.get(tool) != simdjson::SUCCESS) invalid(where + " must be an object");
            if (stringOr(tool, "type") != "function") unsupported(where + ": only function tools are translated");
            if (tool["function"].get(function) != simdjson::SUCCESS) invalid(where + ".function is missing");
            const std::string_view name = stringOr(function, "name");
            if (name.empty()) invalid(where + ".function.name is missing");
            declared.emplace(name);
            writeToolSpec(out, name, stringOr(function, "description"), field(function, "parameters"));
        }
    }
    for (const std::string& name : history.tool_names)
        if (!declared.contains(name)) writeToolSpec(out, name, {}, std::nullopt);
    out.EndArray();
    if (have_tools) writeToolChoice(out, choice, history.has_tool_blocks);
    out.EndObject();
}

/// Numbers are copied as written (their JSON text), so 0.7 stays 0.7; temperature above
/// Converse's maximum of 1 is clamped, as OpenAI allows up to 2.
void writeInferenceConfig(JsonWriter& out, object request) {
    bool open = false;
    const auto key = [&](std::string_view name) {
        if (!open) {
            writeKey(out, "inferenceConfig");
            out.StartObject();
            open = true;
        }
        writeKey(out, name);
    };
    for (const std::string_view name : {"max_completion_tokens", "max_tokens"}) {
        uint64_t limit = 0;
        if (const auto value = field(request, name)) {
            if (value->get(limit) != simdjson::SUCCESS || limit == 0) invalid(std::string(name) + " must be a positive integer");
            key("maxTokens");
            out.Uint64(limit);
            break;
        }
    }
    if (const auto temperature = field(request, "temperature")) {
        double value = 0;
        if (temperature->get(value) != simdjson::SUCCESS || value < 0) invalid("temperature must be a number >= 0");
        key("temperature");
        if (value > 1) out.Int(1);
        else writeElement(out, *temperature);
    }
    if (const auto top_p = field(request, "top_p")) {
        double value = 0;
        if (top_p->get(value) != simdjson::SUCCESS) invalid("top_p must be a number");
        key("topP");
        writeElement(out, *top_p);
    }
    if (const auto stop = field(request, "stop")) {
        std::string_view one;
        array many;
        if (stop->get(one) == simdjson::SUCCESS) {
            if (!one.empty()) {
                key("stopSequences");
                out.StartArray();
                writeString(out, one);
                out.EndArray();
            }
        } else if (stop->get(many) == simdjson::SUCCESS) {
            if (many.size() > 0) {
                key("stopSequences");
                out.StartArray();
                for (element item : many) {
                    if (item.get(one) != simdjson::SUCCESS || one.empty()) invalid("stop must hold non-empty strings");
                    writeString(out, one);
                }
                out.EndArray();
            }
        } else {
            invalid("stop must be a string or an array of strings");
        }
    }
    if (open) out.EndObject();
}

/// What OpenAI parameters ask that Converse cannot do; refused rather than silently ignored.
void refuseUntranslatable(object request) {
    uint64_t n = 1;
    if (const auto value = field(request, "n"); value && (value->get(n) != simdjson::SUCCESS || n != 1))
        unsupported("n other than 1 is not supported (Converse returns one choice)");
    if (const auto format = field(request, "response_format")) {
        std::string_view type;
        if ((*format)["type"].get(type) == simdjson::SUCCESS && type != "text")
            unsupported("response_format '" + std::string(type) + "' is not translated to Converse (use a forced tool)");
    }
}

}  // namespace

std::string converseToolId(std::string_view id) {
    std::string out;
    for (const char c : id.substr(0, 64)) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        out.push_back(allowed ? c : '_');
    }
    return out.empty() ? std::string("tool_call") : out;
}

std::string chatToConverse(std::string_view canonical_json) {
    simdjson::dom::parser parser;
    object request;
    if (parser.parse(canonical_json.data(), canonical_json.size()).get(request) != simdjson::SUCCESS)
        invalid("the request body is not a JSON object");
    array messages;
    if (request["messages"].get(messages) != simdjson::SUCCESS) invalid("messages must be an array");
    refuseUntranslatable(request);
    const History history = historyOf(messages);

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeSystem(out, messages);
    writeMessages(out, messages);
    writeInferenceConfig(out, request);
    writeToolConfig(out, request, history);
    out.EndObject();
    return std::string(plugin_common::written(buffer));
}

}  // namespace portico::bedrock
