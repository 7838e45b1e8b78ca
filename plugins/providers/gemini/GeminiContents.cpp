#include "GeminiContents.h"

#include <string_view>
#include <unordered_map>

#include "JsonOut.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using simdjson::dom::element;

[[noreturn]] void invalid(size_t index, const std::string& what) {
    throw PluginError(PORTICO_ERR_INVALID, 400, "gemini: messages[" + std::to_string(index) + "]: " + what);
}

template <typename Fill>
std::string part(Fill&& fill) {
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    fill(out);
    out.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string textPart(std::string_view text) {
    return part([&](JsonWriter& out) {
        writeKey(out, "text");
        writeString(out, text);
    });
}

/// The MIME type a URL's extension names, or empty (Gemini's fileData.mimeType is optional;
/// Files API URIs have no extension).
std::string_view mimeFromExtension(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    const size_t dot = url.rfind('.');
    if (dot == std::string_view::npos || url.find('/', dot) != std::string_view::npos) return {};
    std::string extension(url.substr(dot + 1));
    for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    static const std::unordered_map<std::string, std::string_view> kTypes = {
        {"png", "image/png"},   {"jpg", "image/jpeg"},  {"jpeg", "image/jpeg"},     {"webp", "image/webp"},
        {"gif", "image/gif"},   {"heic", "image/heic"}, {"heif", "image/heif"},     {"pdf", "application/pdf"},
        {"mp3", "audio/mp3"},   {"wav", "audio/wav"},   {"mp4", "video/mp4"},       {"txt", "text/plain"}};
    const auto found = kTypes.find(extension);
    return found == kTypes.end() ? std::string_view() : found->second;
}

/// image_url {url} -> inlineData for a base64 data: URL, fileData for any other URL.
std::string imagePart(size_t index, element item) {
    std::string_view url;
    element image;
    if (item["image_url"].get(image) != simdjson::SUCCESS) invalid(index, "an image_url part without image_url");
    if (image.get_string().get(url) != simdjson::SUCCESS && image["url"].get_string().get(url) != simdjson::SUCCESS)
        invalid(index, "an image_url part without a url");
    if (url.starts_with("data:")) {
        const size_t marker = url.find(";base64,");
        if (marker == std::string_view::npos) invalid(index, "a data: URL that is not base64");
        const std::string_view mime = url.substr(5, marker - 5);
        const std::string_view data = url.substr(marker + 8);
        return part([&](JsonWriter& out) {
            writeKey(out, "inlineData");
            out.StartObject();
            writeKey(out, "mimeType");
            writeString(out, mime);
            writeKey(out, "data");
            writeString(out, data);
            out.EndObject();
        });
    }
    const std::string_view mime = mimeFromExtension(url);
    return part([&](JsonWriter& out) {
        writeKey(out, "fileData");
        out.StartObject();
        if (!mime.empty()) {
            writeKey(out, "mimeType");
            writeString(out, mime);
        }
        writeKey(out, "fileUri");
        writeString(out, url);
        out.EndObject();
    });
}

/// Content that may only be text (system, assistant, tool): a string or text parts, joined.
std::string textOf(size_t index, element content) {
    std::string_view text;
    if (content.is_null()) return {};
    if (content.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
    simdjson::dom::array items;
    if (content.get_array().get(items) != simdjson::SUCCESS) invalid(index, "content must be a string or an array of parts");
    std::string joined;
    for (element item : items) {
        std::string_view type;
        if (item["type"].get_string().get(type) != simdjson::SUCCESS || type != "text" ||
            item["text"].get_string().get(text) != simdjson::SUCCESS)
            throw PluginError(PORTICO_ERR_UNSUPPORTED, 400,
                              "gemini: messages[" + std::to_string(index) + "]: only text parts are supported in this role");
        joined.append(text);
    }
    return joined;
}

/// Gemini rejects empty text parts, so empty text adds no part.
void addText(std::vector<std::string>& parts, std::string_view text) {
    if (!text.empty()) parts.push_back(textPart(text));
}

void addUserContent(size_t index, element content, std::vector<std::string>& parts) {
    std::string_view text;
    if (content.get_string().get(text) == simdjson::SUCCESS) return addText(parts, text);
    simdjson::dom::array items;
    if (content.get_array().get(items) != simdjson::SUCCESS) invalid(index, "content must be a string or an array of parts");
    for (element item : items) {
        std::string_view type;
        if (item["type"].get_string().get(type) != simdjson::SUCCESS) invalid(index, "a content part without a type");
        if (type == "text") {
            if (item["text"].get_string().get(text) != simdjson::SUCCESS) invalid(index, "a text part without text");
            addText(parts, text);
        } else if (type == "image_url") {
            parts.push_back(imagePart(index, item));
        } else {
            throw PluginError(PORTICO_ERR_UNSUPPORTED, 400,
                              "gemini: messages[" + std::to_string(index) + "]: content parts of type \"" + std::string(type) +
                                  "\" are not supported");
        }
    }
}

class MessageTranslator {
public:
    GeminiConversation run(simdjson::dom::array messages) {
        size_t index = 0;
        for (element message : messages) translate(index++, message);
        return std::move(conversation_);
    }

private:
    void translate(size_t index, element message) {
        std::string_view role;
        if (message["role"].get_string().get(role) != simdjson::SUCCESS) invalid(index, "a message without a role");
        element content;
        const bool hasContent = message["content"].get(content) == simdjson::SUCCESS;
        if (role == "system" || role == "developer") {
            if (hasContent) addText(conversation_.system_parts, textOf(index, content));
        } else if (role == "user") {
            std::vector<std::string> parts;
            if (hasContent && !content.is_null()) addUserContent(index, content, parts);
            append("user", std::move(parts));
        } else if (role == "assistant") {
            std::vector<std::string> parts;
            if (hasContent) addText(parts, textOf(index, content));
            addToolCalls(index, message, parts);
            append("model", std::move(parts));
        } else if (role == "tool" || role == "function") {
            append("user", {functionResponse(index, role, message, hasContent ? textOf(index, content) : std::string())});
        } else {
            invalid(index, "unknown role \"" + std::string(role) + "\"");
        }
    }

    void addToolCalls(size_t index, element message, std::vector<std::string>& parts) {
        simdjson::dom::array calls;
        if (message["tool_calls"].get_array().get(calls) != simdjson::SUCCESS) return;
        for (element call : calls) {
            std::string_view id, name, arguments;
            if (call["function"]["name"].get_string().get(name) != simdjson::SUCCESS)
                invalid(index, "a tool call without function.name");
            if (call["id"].get_string().get(id) == simdjson::SUCCESS) names_[std::string(id)] = std::string(name);
            if (call["function"]["arguments"].get_string().get(arguments) != simdjson::SUCCESS) arguments = {};
            element args;
            if (!arguments.empty() && (inner_.parse(arguments.data(), arguments.size()).get(args) != simdjson::SUCCESS ||
                                       !args.is_object()))
                invalid(index, "tool call \"" + std::string(name) + "\" has arguments that are not a JSON object");
            parts.push_back(part([&](JsonWriter& out) {
                writeKey(out, "functionCall");
                out.StartObject();
                writeKey(out, "name");
                writeString(out, name);
                writeKey(out, "args");
                if (arguments.empty()) {
                    out.StartObject();
                    out.EndObject();
                } else {
                    writeElement(out, args);
                }
                out.EndObject();
            }));
        }
    }

    /// functionResponse{name, response}: the name of the tool call this answers (Gemini matches
    /// by name), the content itself if it is a JSON object, else {"content": text}.
    std::string functionResponse(size_t index, std::string_view role, element message, const std::string& text) {
        std::string name;
        std::string_view field;
        if (role == "tool" && message["tool_call_id"].get_string().get(field) == simdjson::SUCCESS) {
            if (const auto found = names_.find(std::string(field)); found != names_.end()) name = found->second;
        }
        if (name.empty() && message["name"].get_string().get(field) == simdjson::SUCCESS) name = std::string(field);
        if (name.empty()) invalid(index, "a tool result whose tool_call_id matches no earlier assistant tool call");
        element parsed;
        const bool isObject = inner_.parse(text.data(), text.size()).get(parsed) == simdjson::SUCCESS && parsed.is_object();
        return part([&](JsonWriter& out) {
            writeKey(out, "functionResponse");
            out.StartObject();
            writeKey(out, "name");
            writeString(out, name);
            writeKey(out, "response");
            if (isObject) {
                writeElement(out, parsed);
            } else {
                out.StartObject();
                writeKey(out, "content");
                writeString(out, text);
                out.EndObject();
            }
            out.EndObject();
        });
    }

    /// Gemini wants alternating turns and no empty ones: same-role neighbours are merged.
    void append(std::string_view role, std::vector<std::string> parts) {
        if (parts.empty()) return;
        auto& turns = conversation_.turns;
        if (!turns.empty() && turns.back().role == role) {
            for (auto& p : parts) turns.back().parts.push_back(std::move(p));
            return;
        }
        turns.push_back(GeminiTurn{std::string(role), std::move(parts)});
    }

    GeminiConversation conversation_;
    std::unordered_map<std::string, std::string> names_;  ///< tool_call id -> function name
    simdjson::dom::parser inner_;  ///< for arguments and tool results; the request's own document stays valid
};

}  // namespace

GeminiConversation translateMessages(simdjson::dom::array messages) { return MessageTranslator().run(messages); }

}  // namespace portico::gemini
