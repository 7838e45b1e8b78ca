#include "ChatToMessages.h"

#include <simdjson.h>

#include <optional>
#include <vector>

#include "JsonOut.h"
#include "common/PluginError.h"

namespace portico::anthropic {
namespace {

using plugin_common::PluginError;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

[[noreturn]] void invalid(const std::string& message) {
    throw PluginError(PORTICO_ERR_INVALID, 400, "anthropic: " + message);
}

[[noreturn]] void unsupported(const std::string& message) {
    throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "anthropic: " + message);
}

std::string_view stringOr(object from, std::string_view key, std::string_view fallback = {}) {
    std::string_view value;
    return from[key].get(value) == simdjson::SUCCESS ? value : fallback;
}

/// The value at `key`, or nullopt when it is absent or null (OpenAI clients send null for "not
/// set" as often as they leave a key out).
std::optional<element> field(object from, std::string_view key) {
    element value;
    if (from[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

/// Writes Anthropic turns, merging consecutive messages of one role (Anthropic merges them
/// server-side too, but wants alternation from older API versions). A turn opens only when its
/// first block is written, so a message with nothing to send leaves no empty turn behind.
class TurnWriter {
public:
    explicit TurnWriter(JsonWriter& out) : out_(out) {}

    /// The writer, positioned where the next block of a `role` turn goes.
    JsonWriter& block(std::string_view role) {
        if (role == open_role_) return out_;
        close();
        out_.StartObject();
        writeKey(out_, "role");
        writeString(out_, role);
        writeKey(out_, "content");
        out_.StartArray();
        open_role_ = role;
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
    std::string_view open_role_;  ///< always one of the literals "user" / "assistant"
};

/// {type:"text", text, cache_control?}: cache_control on an OpenAI content part is LiteLLM's
/// way to set Anthropic prompt caching, so it is carried over.
void writeTextBlock(JsonWriter& out, std::string_view text, const object* part) {
    out.StartObject();
    writeKey(out, "type");
    writeString(out, "text");
    writeKey(out, "text");
    writeString(out, text);
    element cache_control;
    if (part && (*part)["cache_control"].get(cache_control) == simdjson::SUCCESS && cache_control.is_object()) {
        writeKey(out, "cache_control");
        writeElement(out, cache_control);
    }
    out.EndObject();
}

/// Calls onText(text, part) for each non-empty text of a message's content: the string itself, or
/// each `text` part of an array. Other part types go to onOther(part, type).
template <typename OnText, typename OnOther>
void forEachPart(std::optional<element> content, const std::string& where, OnText&& onText, OnOther&& onOther) {
    if (!content) return;
    std::string_view text;
    if (content->get(text) == simdjson::SUCCESS) {
        if (!text.empty()) onText(text, nullptr);
        return;
    }
    array parts;
    if (content->get(parts) != simdjson::SUCCESS) invalid(where + ".content must be a string or an array of parts");
    for (element item : parts) {
        object part;
        if (item.get(part) != simdjson::SUCCESS) invalid(where + ".content has a part that is not an object");
        const std::string_view type = stringOr(part, "type");
        if (type == "text") {
            const std::string_view part_text = stringOr(part, "text");
            if (!part_text.empty()) onText(part_text, &part);
        } else {
            onOther(part, type);
        }
    }
}

template <typename OnText>
void forEachText(std::optional<element> content, const std::string& where, OnText&& onText) {
    forEachPart(content, where, onText, [&](object, std::string_view type) {
        unsupported(where + " has a '" + std::string(type) + "' part, which only text is allowed in");
    });
}

/// image_url {url} or "url": a data: URL becomes a base64 source, an http(s) URL a url source.
void writeImageBlock(JsonWriter& out, object part, const std::string& where) {
    std::string_view url;
    object image_object;
    if (const auto image = field(part, "image_url"); image && image->get(image_object) == simdjson::SUCCESS)
        url = stringOr(image_object, "url");
    else if (image && image->get(url) != simdjson::SUCCESS)
        url = {};
    out.StartObject();
    writeKey(out, "type");
    writeString(out, "image");
    writeKey(out, "source");
    out.StartObject();
    if (url.starts_with("data:")) {
        constexpr std::string_view kBase64 = ";base64,";
        const auto marker = url.find(kBase64);
        if (marker == std::string_view::npos) invalid(where + " has a data: image URL that is not base64");
        writeKey(out, "type");
        writeString(out, "base64");
        writeKey(out, "media_type");
        writeString(out, url.substr(5, marker - 5));
        writeKey(out, "data");
        writeString(out, url.substr(marker + kBase64.size()));
    } else if (url.starts_with("https://") || url.starts_with("http://")) {
        writeKey(out, "type");
        writeString(out, "url");
        writeKey(out, "url");
        writeString(out, url);
    } else {
        invalid(where + " has an image_url that is neither a data: nor an http(s) URL");
    }
    out.EndObject();
    out.EndObject();
}

void writeUserMessage(TurnWriter& turns, object message, const std::string& where) {
    forEachPart(
        field(message, "content"), where,
        [&](std::string_view text, const object* part) { writeTextBlock(turns.block("user"), text, part); },
        [&](object part, std::string_view type) {
            if (type != "image_url")
                unsupported(where + " has a '" + std::string(type) + "' part, which Anthropic is not sent");
            writeImageBlock(turns.block("user"), part, where);
        });
}

/// tool_calls[].function.arguments is JSON text; Anthropic's tool_use.input is the object itself.
void writeToolUse(JsonWriter& out, object call, simdjson::dom::parser& arguments_parser, const std::string& where) {
    object function;
    if (!field(call, "function") || field(call, "function")->get(function) != simdjson::SUCCESS)
        invalid(where + " has no function");
    const std::string_view name = stringOr(function, "name");
    if (name.empty()) invalid(where + ".function has no name");
    out.StartObject();
    writeKey(out, "type");
    writeString(out, "tool_use");
    writeKey(out, "id");
    writeString(out, stringOr(call, "id"));
    writeKey(out, "name");
    writeString(out, name);
    writeKey(out, "input");
    const std::string_view arguments = stringOr(function, "arguments");
    element input;
    if (arguments.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.StartObject();  // a call without arguments
        out.EndObject();
    } else if (arguments_parser.parse(arguments.data(), arguments.size()).get(input) == simdjson::SUCCESS &&
               input.is_object()) {
        writeElement(out, input);
    } else {
        invalid(where + ".function.arguments is not a JSON object");
    }
    out.EndObject();
}

/// `prefill`: this is the conversation's last message, which Anthropic continues from and
/// refuses when its content ends in whitespace ("final assistant content cannot end with trailing
/// whitespace"); its last text loses that whitespace, as LangChain's and Vercel's Anthropic
/// clients do, since trailing whitespace is the one thing the model would never have produced.
void writeAssistantMessage(TurnWriter& turns, object message, simdjson::dom::parser& arguments_parser,
                           const std::string& where, bool prefill) {
    struct Text {
        std::string_view text;
        std::optional<object> part;  ///< where a cache_control may be
    };
    std::vector<Text> texts;
    forEachPart(
        field(message, "content"), where,
        [&](std::string_view text, const object* part) {
            texts.push_back({text, part ? std::optional<object>(*part) : std::nullopt});
        },
        [&](object part, std::string_view type) {
            // A refusal the model gave earlier is part of the conversation: keep its words.
            if (type != "refusal") unsupported(where + " has a '" + std::string(type) + "' part");
            if (const std::string_view text = stringOr(part, "refusal"); !text.empty()) texts.push_back({text, std::nullopt});
        });
    const auto calls = field(message, "tool_calls");
    if (prefill && !calls && !texts.empty()) {
        std::string_view& last = texts.back().text;
        last = last.substr(0, last.find_last_not_of(" \t\r\n") + 1);  // npos + 1 == 0: all whitespace
    }
    for (const Text& text : texts)
        if (!text.text.empty()) writeTextBlock(turns.block("assistant"), text.text, text.part ? &*text.part : nullptr);
    if (!calls) return;
    array call_list;
    if (calls->get(call_list) != simdjson::SUCCESS) invalid(where + ".tool_calls must be an array");
    size_t index = 0;
    for (element item : call_list) {
        const std::string call_where = where + ".tool_calls[" + std::to_string(index++) + "]";
        object call;
        if (item.get(call) != simdjson::SUCCESS) invalid(call_where + " is not an object");
        writeToolUse(turns.block("assistant"), call, arguments_parser, call_where);
    }
}

/// A `tool` message is a tool_result block in a user turn; results of one step merge into one.
void writeToolMessage(TurnWriter& turns, object message, const std::string& where) {
    const std::string_view call_id = stringOr(message, "tool_call_id");
    if (call_id.empty()) invalid(where + " (role tool) has no tool_call_id");
    JsonWriter& out = turns.block("user");
    out.StartObject();
    writeKey(out, "type");
    writeString(out, "tool_result");
    writeKey(out, "tool_use_id");
    writeString(out, call_id);
    const auto content = field(message, "content");
    std::string_view text;
    if (content && content->get(text) == simdjson::SUCCESS) {
        if (!text.empty()) {
            writeKey(out, "content");
            writeString(out, text);
        }
    } else if (content && content->is_array()) {
        writeKey(out, "content");
        out.StartArray();
        forEachText(content, where, [&](std::string_view part_text, const object* part) {
            writeTextBlock(out, part_text, part);
        });
        out.EndArray();
    }
    out.EndObject();
}

bool isSystemRole(std::string_view role) { return role == "system" || role == "developer"; }

/// Every system/developer message, wherever it stands, in order, as top-level text blocks.
void writeSystem(JsonWriter& out, array messages) {
    bool open = false;
    size_t index = 0;
    for (element item : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message;
        if (item.get(message) != simdjson::SUCCESS || !isSystemRole(stringOr(message, "role"))) continue;
        forEachText(field(message, "content"), where, [&](std::string_view text, const object* part) {
            if (!open) {
                writeKey(out, "system");
                out.StartArray();
                open = true;
            }
            writeTextBlock(out, text, part);
        });
    }
    if (open) out.EndArray();
}

void writeMessages(JsonWriter& out, array messages) {
    simdjson::dom::parser arguments_parser;
    writeKey(out, "messages");
    out.StartArray();
    TurnWriter turns(out);
    // The last message that becomes a turn: a prefill when it is the assistant's.
    size_t last_turn = messages.size();
    size_t index = 0;
    for (element item : messages) {
        object message;
        if (item.get(message) == simdjson::SUCCESS && !isSystemRole(stringOr(message, "role"))) last_turn = index;
        ++index;
    }
    index = 0;
    for (element item : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message;
        if (item.get(message) != simdjson::SUCCESS) invalid(where + " is not an object");
        const std::string_view role = stringOr(message, "role");
        if (isSystemRole(role)) continue;
        if (role == "user") writeUserMessage(turns, message, where);
        else if (role == "assistant") writeAssistantMessage(turns, message, arguments_parser, where, index - 1 == last_turn);
        else if (role == "tool") writeToolMessage(turns, message, where);
        else if (role.empty()) invalid(where + " has no role");
        else unsupported(where + " has role '" + std::string(role) + "', which Anthropic has no turn for");
    }
    turns.close();
    out.EndArray();
}

void writeTools(JsonWriter& out, array tools) {
    writeKey(out, "tools");
    out.StartArray();
    size_t index = 0;
    for (element item : tools) {
        const std::string where = "tools[" + std::to_string(index++) + "]";
        object tool;
        object function;
        if (item.get(tool) != simdjson::SUCCESS) invalid(where + " is not an object");
        if (stringOr(tool, "type", "function") != "function")
            unsupported(where + " is not a function tool, the only kind Anthropic is sent");
        if (!field(tool, "function") || field(tool, "function")->get(function) != simdjson::SUCCESS)
            invalid(where + " has no function");
        const std::string_view name = stringOr(function, "name");
        if (name.empty()) invalid(where + ".function has no name");
        out.StartObject();
        writeKey(out, "name");
        writeString(out, name);
        if (const std::string_view description = stringOr(function, "description"); !description.empty()) {
            writeKey(out, "description");
            writeString(out, description);
        }
        writeKey(out, "input_schema");
        if (const auto parameters = field(function, "parameters"); parameters && parameters->is_object()) {
            writeElement(out, *parameters);
        } else {  // OpenAI allows a tool without parameters; Anthropic requires a schema
            out.StartObject();
            writeKey(out, "type");
            writeString(out, "object");
            writeKey(out, "properties");
            out.StartObject();
            out.EndObject();
            out.EndObject();
        }
        if (const auto cache_control = field(tool, "cache_control"); cache_control && cache_control->is_object()) {
            writeKey(out, "cache_control");
            writeElement(out, *cache_control);
        }
        out.EndObject();
    }
    out.EndArray();
}

/// auto / none / required -> any / {type:function, function:{name}} -> {type:tool, name};
/// parallel_tool_calls:false -> disable_parallel_tool_use (not allowed on "none").
void writeToolChoice(JsonWriter& out, object request) {
    const auto choice = field(request, "tool_choice");
    bool parallel = true;
    if (const auto flag = field(request, "parallel_tool_calls"); flag && flag->get(parallel) != simdjson::SUCCESS)
        invalid("parallel_tool_calls must be a boolean");
    if (!choice && parallel) return;
    std::string_view type = "auto";
    std::string_view name;
    std::string_view word;
    object named;
    if (!choice) {
        // only parallel_tool_calls:false: "auto" carries the flag
    } else if (choice->get(word) == simdjson::SUCCESS) {
        if (word == "required") type = "any";
        else if (word == "none" || word == "auto") type = word;
        else invalid("tool_choice '" + std::string(word) + "' is not auto, none or required");
    } else if (choice->get(named) == simdjson::SUCCESS) {
        object function;
        if (const auto f = field(named, "function"); f && f->get(function) == simdjson::SUCCESS)
            name = stringOr(function, "name");
        if (name.empty()) invalid("tool_choice names no function");
        type = "tool";
    }
    writeKey(out, "tool_choice");
    out.StartObject();
    writeKey(out, "type");
    writeString(out, type);
    if (!name.empty()) {
        writeKey(out, "name");
        writeString(out, name);
    }
    if (!parallel && type != "none") {
        writeKey(out, "disable_parallel_tool_use");
        out.Bool(true);
    }
    out.EndObject();
}

uint64_t maxTokens(object request) {
    for (const std::string_view key : {"max_completion_tokens", "max_tokens"}) {
        const auto value = field(request, key);
        if (!value) continue;
        uint64_t n = 0;
        if (value->get(n) != simdjson::SUCCESS || n == 0) invalid(std::string(key) + " must be a positive integer");
        return n;
    }
    return kDefaultMaxTokens;
}

void writeStop(JsonWriter& out, std::optional<element> stop) {
    if (!stop) return;
    writeKey(out, "stop_sequences");
    out.StartArray();
    std::string_view one;
    array many;
    if (stop->get(one) == simdjson::SUCCESS) {
        writeString(out, one);
    } else if (stop->get(many) == simdjson::SUCCESS) {
        for (element item : many) {
            if (item.get(one) != simdjson::SUCCESS) invalid("stop must hold strings");
            writeString(out, one);
        }
    } else {
        invalid("stop must be a string or an array of strings");
    }
    out.EndArray();
}

/// What OpenAI parameters ask that Anthropic cannot do; refused rather than silently ignored.
void refuseUntranslatable(object request) {
    uint64_t n = 1;
    if (const auto choices = field(request, "n"); choices && (choices->get(n) != simdjson::SUCCESS || n != 1))
        unsupported("n must be 1: Anthropic returns one choice per request");
    object format;
    if (const auto f = field(request, "response_format");
        f && f->get(format) == simdjson::SUCCESS && stringOr(format, "type") != "text")
        unsupported("response_format " + std::string(stringOr(format, "type")) + " is not translated for Anthropic");
}

/// Numbers are copied as written (their JSON text), so 0.7 stays 0.7.
void copyNumber(JsonWriter& out, object request, std::string_view from, std::string_view to) {
    const auto value = field(request, from);
    if (!value) return;
    if (!value->is_number()) invalid(std::string(from) + " must be a number");
    writeKey(out, to);
    const std::string text = simdjson::minify(*value);
    out.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

}  // namespace

std::string chatToMessages(std::string_view canonical_json, bool stream) {
    simdjson::dom::parser parser;
    element root;
    object request;
    if (parser.parse(canonical_json.data(), canonical_json.size()).get(root) != simdjson::SUCCESS ||
        root.get(request) != simdjson::SUCCESS)
        invalid("the request body is not a JSON object");
    array messages;
    if (const auto list = field(request, "messages"); !list || list->get(messages) != simdjson::SUCCESS)
        invalid("messages must be an array");
    refuseUntranslatable(request);

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "model");
    writeString(out, stringOr(request, "model"));
    writeKey(out, "max_tokens");
    out.Uint64(maxTokens(request));
    writeSystem(out, messages);
    writeMessages(out, messages);
    copyNumber(out, request, "temperature", "temperature");
    copyNumber(out, request, "top_p", "top_p");
    copyNumber(out, request, "top_k", "top_k");
    writeStop(out, field(request, "stop"));
    array tools;
    if (const auto list = field(request, "tools"); list && list->get(tools) == simdjson::SUCCESS && tools.size() > 0) {
        writeTools(out, tools);
        writeToolChoice(out, request);
    }
    if (const auto thinking = field(request, "thinking"); thinking && thinking->is_object()) {  // LiteLLM passes it on
        writeKey(out, "thinking");
        writeElement(out, *thinking);
    }
    if (const std::string_view user = stringOr(request, "user"); !user.empty()) {
        writeKey(out, "metadata");
        out.StartObject();
        writeKey(out, "user_id");
        writeString(out, user);
        out.EndObject();
    }
    if (stream) {
        writeKey(out, "stream");
        out.Bool(true);
    }
    out.EndObject();
    return std::string(written(buffer));
}

}  // namespace portico::anthropic
