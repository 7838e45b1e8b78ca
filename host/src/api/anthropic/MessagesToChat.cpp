#include "api/anthropic/MessagesToChat.h"

#include "core/DuplicateKeys.h"
#include "core/GatewayError.h"
#include "core/Json.h"
#include "pipeline/RequestJson.h"

namespace portico::api::anthropic {
namespace {

using core::GatewayError;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

using pipeline::appendMemberKey;
using pipeline::invalidField;

GatewayError untranslatable(const std::string& where, std::string_view type) {
    return invalidField(where, "'" + std::string(type) +
                              "' blocks reach only providers that take Anthropic requests as they are (this model's "
                              "provider speaks OpenAI chat)");
}

std::string_view blockType(object block, const std::string& where) {
    std::string_view type;
    if (block["type"].get_string().get(type)) throw invalidField(where + ".type", "is required and must be a string");
    return type;
}

/// Calls `visit(block, type, where)` for each block of a content array; each must be an object with a type.
template <typename Visit>
void forEachBlock(array blocks, const std::string& where, Visit&& visit) {
    std::size_t index = 0;
    for (element block_value : blocks) {
        const std::string block_where = where + "[" + std::to_string(index++) + "]";
        object block;
        if (block_value.get_object().get(block)) throw invalidField(block_where, "must be an object");
        visit(block, blockType(block, block_where), block_where);
    }
}

std::string_view requiredText(object block, const std::string& where) {
    std::string_view text;
    if (block["text"].get_string().get(text)) throw invalidField(where + ".text", "is required and must be a string");
    return text;
}

/// A string, or the texts of an array of text blocks joined by newlines (system, tool_result).
std::string joinedText(element content, const std::string& where, bool images_refused) {
    std::string_view text;
    if (!content.get_string().get(text)) return std::string(text);
    array blocks;
    if (content.get_array().get(blocks)) throw invalidField(where, "must be a string or an array of blocks");
    std::string joined;
    forEachBlock(blocks, where, [&](object block, std::string_view type, const std::string& block_where) {
        if (type != "text") {
            if (images_refused) throw untranslatable(block_where, type);
            throw invalidField(block_where + ".type", "must be 'text' here");
        }
        if (!joined.empty()) joined.push_back('\n');
        joined.append(requiredText(block, block_where));
    });
    return joined;
}

/// An image block as an OpenAI image_url part: base64 sources become data URLs.
void appendImagePart(std::string& out, object block, const std::string& where) {
    object source;
    std::string_view kind, url;
    if (block["source"].get_object().get(source) || source["type"].get_string().get(kind))
        throw invalidField(where + ".source", "is required and must be an object with a type");
    std::string target;
    if (kind == "base64") {
        std::string_view media_type, data;
        if (source["media_type"].get_string().get(media_type) || source["data"].get_string().get(data))
            throw invalidField(where + ".source", "a base64 source needs media_type and data");
        target.append("data:").append(media_type).append(";base64,").append(data);
    } else if (kind == "url") {
        if (source["url"].get_string().get(url)) throw invalidField(where + ".source.url", "is required");
        target = url;
    } else {
        throw untranslatable(where + ".source", kind);
    }
    out.append("{\"type\":\"image_url\",\"image_url\":{\"url\":");
    core::appendJsonString(out, target);
    out.append("}}");
}

/// A user turn: its tool results first (each a tool message, as chat wants them right after the
/// assistant's calls), then the rest as one user message.
void appendUserTurn(std::string& out, bool& first, array blocks, const std::string& where) {
    const auto separator = [&] {
        if (!first) out.push_back(',');
        first = false;
    };
    std::string parts;
    std::size_t part_count = 0;
    std::string_view only_text;
    bool only_text_parts = true;
    forEachBlock(blocks, where + ".content", [&](object block, std::string_view type, const std::string& block_where) {
        if (type == "tool_result") {
            std::string_view id;
            if (block["tool_use_id"].get_string().get(id)) throw invalidField(block_where + ".tool_use_id", "is required");
            element content;
            const std::string text = block["content"].get(content) ? std::string()
                                                                  : joinedText(content, block_where + ".content", true);
            separator();
            out.append("{\"role\":\"tool\",\"tool_call_id\":");
            core::appendJsonString(out, id);
            out.append(",\"content\":");
            core::appendJsonString(out, text);
            out.push_back('}');
            return;
        }
        if (part_count++) parts.push_back(',');
        if (type == "text") {
            only_text = requiredText(block, block_where);
            parts.append("{\"type\":\"text\",\"text\":");
            core::appendJsonString(parts, only_text);
            parts.push_back('}');
        } else if (type == "image") {
            only_text_parts = false;
            appendImagePart(parts, block, block_where);
        } else {
            throw untranslatable(block_where, type);
        }
    });
    if (part_count == 0) return;
    separator();
    out.append("{\"role\":\"user\",\"content\":");
    if (part_count == 1 && only_text_parts) core::appendJsonString(out, only_text);
    else out.append("[").append(parts).append("]");
    out.push_back('}');
}

/// An assistant turn: its texts as content, its tool_use blocks as tool_calls.
void appendAssistantTurn(std::string& out, array blocks, const std::string& where) {
    std::string text, calls;
    forEachBlock(blocks, where + ".content", [&](object block, std::string_view type, const std::string& block_where) {
        if (type == "text") {
            text.append(requiredText(block, block_where));
        } else if (type == "tool_use") {
            std::string_view id, name;
            element input;
            if (block["id"].get_string().get(id) || block["name"].get_string().get(name) || block["input"].get(input))
                throw invalidField(block_where, "a tool_use block needs id, name and input");
            if (!calls.empty()) calls.push_back(',');
            calls.append("{\"id\":");
            core::appendJsonString(calls, id);
            calls.append(",\"type\":\"function\",\"function\":{\"name\":");
            core::appendJsonString(calls, name);
            calls.append(",\"arguments\":");
            core::appendJsonString(calls, simdjson::minify(input));
            calls.append("}}");
        } else if (type != "thinking" && type != "redacted_thinking") {
            // Thinking is the model's own earlier output, echoed for Anthropic's sake: chat has no place for it.
            throw untranslatable(block_where, type);
        }
    });
    out.append("{\"role\":\"assistant\",\"content\":");
    if (text.empty() && !calls.empty()) out.append("null");
    else core::appendJsonString(out, text);
    if (!calls.empty()) out.append(",\"tool_calls\":[").append(calls).append("]");
    out.push_back('}');
}

void appendMessages(std::string& out, object request) {
    out.append(",\"messages\":[");
    bool first = true;
    element system;
    if (!request["system"].get(system) && !system.is_null()) {
        out.append("{\"role\":\"system\",\"content\":");
        core::appendJsonString(out, joinedText(system, "system", false));
        out.push_back('}');
        first = false;
    }
    std::size_t index = 0;
    const array messages = request["messages"].get_array().value_unsafe();
    for (element message_value : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message = message_value.get_object().value_unsafe();
        const std::string_view role = message["role"].get_string().value_unsafe();
        element content = message["content"].value_unsafe();
        std::string_view text;
        if (!content.get_string().get(text)) {
            if (!first) out.push_back(',');
            first = false;
            out.append("{\"role\":");
            core::appendJsonString(out, role);
            out.append(",\"content\":");
            core::appendJsonString(out, text);
            out.push_back('}');
        } else if (role == "user") {
            appendUserTurn(out, first, content.get_array().value_unsafe(), where);
        } else {
            if (!first) out.push_back(',');
            first = false;
            appendAssistantTurn(out, content.get_array().value_unsafe(), where);
        }
    }
    out.push_back(']');
}

void appendTools(std::string& out, object request) {
    array tools;
    if (request["tools"].get_array().get(tools)) return;
    out.append(",\"tools\":[");
    std::size_t index = 0;
    for (element tool_value : tools) {
        const std::string where = "tools[" + std::to_string(index) + "]";
        object tool;
        std::string_view name, type = "custom";
        if (tool_value.get_object().get(tool) || tool["name"].get_string().get(name))
            throw invalidField(where, "a tool needs a name");
        pipeline::readIfPresent(tool["type"].get_string(), type);
        if (type != "custom") throw untranslatable(where, type);
        if (index++) out.push_back(',');
        out.append("{\"type\":\"function\",\"function\":{\"name\":");
        core::appendJsonString(out, name);
        std::string_view description;
        if (pipeline::readIfPresent(tool["description"].get_string(), description)) {
            out.append(",\"description\":");
            core::appendJsonString(out, description);
        }
        element schema;
        out.append(",\"parameters\":");
        out.append(tool["input_schema"].get(schema) ? "{\"type\":\"object\"}" : simdjson::minify(schema));
        out.append("}}");
    }
    out.push_back(']');
}

void appendToolChoice(std::string& out, object request) {
    object choice;
    if (request["tool_choice"].get_object().get(choice)) return;
    std::string_view type, name;
    pipeline::readIfPresent(choice["type"].get_string(), type);
    if (type == "auto") {
        out.append(",\"tool_choice\":\"auto\"");
    } else if (type == "any") {
        out.append(",\"tool_choice\":\"required\"");
    } else if (type == "none") {
        out.append(",\"tool_choice\":\"none\"");
    } else if (type == "tool") {
        if (choice["name"].get_string().get(name)) throw invalidField("tool_choice.name", "is required for type 'tool'");
        out.append(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":");
        core::appendJsonString(out, name);
        out.append("}}");
    } else {
        throw invalidField("tool_choice.type", "must be one of auto, any, tool, none");
    }
    bool serial = false;
    if (pipeline::readIfPresent(choice["disable_parallel_tool_use"].get_bool(), serial) && serial)
        out.append(",\"parallel_tool_calls\":false");
}

void validateContent(element content, const std::string& where) {
    if (content.is_string()) return;
    array blocks;
    if (content.get_array().get(blocks)) throw invalidField(where + ".content", "must be a string or an array of blocks");
    forEachBlock(blocks, where + ".content", [](object block, std::string_view, const std::string& block_where) {
        if (const auto key = core::findDuplicateKey(block)) throw core::duplicateKeyError(*key, block_where);
    });
}

}  // namespace

void validateMessagesRequest(object request, bool needs_max_tokens) {
    int64_t max_tokens = 0;
    if (needs_max_tokens && (request["max_tokens"].get_int64().get(max_tokens) || max_tokens < 1))
        throw invalidField("max_tokens", "is required and must be a positive integer");
    array messages;
    if (request["messages"].get_array().get(messages) || messages.size() == 0)
        throw invalidField("messages", "is required and must be a non-empty array");
    std::size_t index = 0;
    for (element message_value : messages) {
        const std::string where = "messages[" + std::to_string(index++) + "]";
        object message;
        if (message_value.get_object().get(message)) throw invalidField(where, "must be an object");
        if (const auto key = core::findDuplicateKey(message)) throw core::duplicateKeyError(*key, where);
        std::string_view role;
        if (message["role"].get_string().get(role) || (role != "user" && role != "assistant"))
            throw invalidField(where + ".role", "must be 'user' or 'assistant'");
        element content;
        if (message["content"].get(content)) throw invalidField(where + ".content", "is required");
        validateContent(content, where);
    }
    element system;
    if (!request["system"].get(system) && !system.is_null() && !system.is_string() && !system.is_array())
        throw invalidField("system", "must be a string or an array of text blocks");
}

std::string messagesToChat(object request, std::string_view model) {
    std::string out = "{\"model\":";
    core::appendJsonString(out, model);
    appendMessages(out, request);
    appendMemberKey(out, "max_tokens");
    out.append(std::to_string(request["max_tokens"].get_int64().value_unsafe()));
    for (std::string_view key : {"temperature", "top_p"}) {
        element value;
        if (!request[key].get(value) && value.is_number()) {
            appendMemberKey(out, key);
            out.append(simdjson::minify(value));
        }
    }
    element stop;
    if (!request["stop_sequences"].get(stop) && stop.is_array()) {
        appendMemberKey(out, "stop");
        out.append(simdjson::minify(stop));
    }
    std::string_view user;
    if (pipeline::readIfPresent(request.at_pointer("/metadata/user_id").get_string(), user)) {
        appendMemberKey(out, "user");
        core::appendJsonString(out, user);
    }
    appendTools(out, request);
    appendToolChoice(out, request);
    bool stream = false;
    if (pipeline::readIfPresent(request["stream"].get_bool(), stream) && stream)
        out.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    out.push_back('}');
    return out;
}

}  // namespace portico::api::anthropic
