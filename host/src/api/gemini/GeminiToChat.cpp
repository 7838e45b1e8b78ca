#include "api/gemini/GeminiToChat.h"

#include <map>

#include "core/DuplicateKeys.h"
#include "core/GatewayError.h"
#include "core/Json.h"
#include "pipeline/RequestJson.h"

namespace portico::api::gemini {
namespace {

using core::GatewayError;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

using pipeline::appendMemberKey;
using pipeline::invalidField;

/// Tool-call ids for one turn: a part's own id, else the function's name and how many calls to it
/// the turn made before, which is what the next turn's responses count the same way.
class CallIds {
public:
    std::string next(object part_value, std::string_view name) {
        std::string_view id;
        if (!part_value["id"].get_string().get(id) && !id.empty()) return std::string(id);
        return "call_" + std::string(name) + "_" + std::to_string(seen_[std::string(name)]++);
    }

private:
    std::map<std::string, int, std::less<>> seen_;
};

/// A content's parts as chat messages; `role` is "user" or "assistant".
void appendContent(std::string& out, bool& first, std::string_view role, array parts, const std::string& where) {
    const auto separator = [&] {
        if (!first) out.push_back(',');
        first = false;
    };
    std::string text_parts, calls;
    std::size_t part_count = 0;
    bool only_text = true;
    std::string joined_text;
    CallIds ids;
    std::size_t index = 0;
    for (element part_value : parts) {
        const std::string part_where = where + ".parts[" + std::to_string(index++) + "]";
        object part = part_value.get_object().value_unsafe();
        std::string_view text;
        object payload;
        bool thought = false;
        if (!part["text"].get_string().get(text)) {
            // Thoughts are the model's own earlier reasoning: chat has no place to send them back.
            if (pipeline::readIfPresent(part["thought"].get_bool(), thought) && thought) continue;
            if (part_count++) text_parts.push_back(',');
            text_parts.append("{\"type\":\"text\",\"text\":");
            core::appendJsonString(text_parts, text);
            text_parts.push_back('}');
            joined_text.append(text);
        } else if (!part["inlineData"].get_object().get(payload) || !part["fileData"].get_object().get(payload)) {
            std::string_view mime, data;
            const bool inline_data = !part["inlineData"].get_object().get(payload);
            if (payload["mimeType"].get_string().get(mime) ||
                payload[inline_data ? "data" : "fileUri"].get_string().get(data))
                throw invalidField(part_where, inline_data ? "inlineData needs mimeType and data" : "fileData needs mimeType and fileUri");
            if (role != "user") throw invalidField(part_where, "media parts reach a chat provider only in user contents");
            only_text = false;
            if (part_count++) text_parts.push_back(',');
            text_parts.append("{\"type\":\"image_url\",\"image_url\":{\"url\":");
            core::appendJsonString(text_parts, inline_data ? "data:" + std::string(mime) + ";base64," + std::string(data)
                                                           : std::string(data));
            text_parts.append("}}");
        } else if (!part["functionCall"].get_object().get(payload)) {
            std::string_view name;
            element args;
            if (payload["name"].get_string().get(name)) throw invalidField(part_where + ".functionCall.name", "is required");
            if (!calls.empty()) calls.push_back(',');
            calls.append("{\"id\":");
            core::appendJsonString(calls, ids.next(payload, name));
            calls.append(",\"type\":\"function\",\"function\":{\"name\":");
            core::appendJsonString(calls, name);
            calls.append(",\"arguments\":");
            core::appendJsonString(calls, payload["args"].get(args) ? std::string("{}") : simdjson::minify(args));
            calls.append("}}");
        } else if (!part["functionResponse"].get_object().get(payload)) {
            std::string_view name;
            element response;
            if (payload["name"].get_string().get(name)) throw invalidField(part_where + ".functionResponse.name", "is required");
            separator();
            out.append("{\"role\":\"tool\",\"tool_call_id\":");
            core::appendJsonString(out, ids.next(payload, name));
            out.append(",\"content\":");
            core::appendJsonString(out, payload["response"].get(response) ? std::string("{}") : simdjson::minify(response));
            out.push_back('}');
        } else {
            throw invalidField(part_where, "this part reaches only providers that take Gemini requests as they are (this "
                                      "model's provider speaks OpenAI chat)");
        }
    }
    if (role == "assistant") {
        if (part_count == 0 && calls.empty()) return;
        separator();
        out.append("{\"role\":\"assistant\",\"content\":");
        if (joined_text.empty() && !calls.empty()) out.append("null");
        else core::appendJsonString(out, joined_text);
        if (!calls.empty()) out.append(",\"tool_calls\":[").append(calls).append("]");
        out.push_back('}');
        return;
    }
    if (part_count == 0) return;
    separator();
    out.append("{\"role\":\"user\",\"content\":");
    if (only_text && part_count == 1) core::appendJsonString(out, joined_text);
    else out.append("[").append(text_parts).append("]");
    out.push_back('}');
}

void appendMessages(std::string& out, object request) {
    out.append(",\"messages\":[");
    bool first = true;
    object system;
    if (!request["systemInstruction"].get_object().get(system) || !request["system_instruction"].get_object().get(system)) {
        array parts;
        std::string text;
        if (!system["parts"].get_array().get(parts))
            for (element part : parts) {
                std::string_view piece;
                if (part["text"].get_string().get(piece)) continue;
                if (!text.empty()) text.push_back('\n');
                text.append(piece);
            }
        out.append("{\"role\":\"system\",\"content\":");
        core::appendJsonString(out, text);
        out.push_back('}');
        first = false;
    }
    const array contents = request["contents"].get_array().value_unsafe();
    std::size_t index = 0;
    for (element content : contents) {
        std::string_view role = "user";
        pipeline::readIfPresent(content["role"].get_string(), role);
        const array parts = content["parts"].get_array().value_unsafe();
        appendContent(out, first, role == "model" ? "assistant" : "user", parts, "contents[" + std::to_string(index++) + "]");
    }
    out.push_back(']');
}

void appendGenerationConfig(std::string& out, object request) {
    object config;
    if (request["generationConfig"].get_object().get(config)) return;
    constexpr std::pair<std::string_view, std::string_view> kSame[] = {
        {"maxOutputTokens", "max_tokens"}, {"temperature", "temperature"},          {"topP", "top_p"},
        {"stopSequences", "stop"},         {"candidateCount", "n"},                 {"seed", "seed"},
        {"presencePenalty", "presence_penalty"}, {"frequencyPenalty", "frequency_penalty"}};
    for (const auto& [gemini_name, chat_name] : kSame) {
        element value;
        if (config[gemini_name].get(value) || value.is_null()) continue;
        appendMemberKey(out, chat_name);
        out.append(simdjson::minify(value));
    }
    std::string_view mime;
    if (!config["responseMimeType"].get_string().get(mime) && mime == "application/json") {
        element schema;
        if (!config["responseJsonSchema"].get(schema) || !config["responseSchema"].get(schema)) {
            out.append(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":");
            out.append(simdjson::minify(schema)).append("}}");
        } else {
            out.append(",\"response_format\":{\"type\":\"json_object\"}");
        }
    }
}

void appendTools(std::string& out, object request) {
    array tools;
    if (request["tools"].get_array().get(tools) || tools.size() == 0) return;
    std::string functions;
    std::size_t index = 0;
    for (element tool : tools) {
        const std::string where = "tools[" + std::to_string(index++) + "]";
        array declarations;
        if (tool["functionDeclarations"].get_array().get(declarations))
            throw invalidField(where, "built-in tools reach only providers that take Gemini requests as they are");
        for (element declaration : declarations) {
            std::string_view name, description;
            if (declaration["name"].get_string().get(name)) throw invalidField(where, "a function declaration needs a name");
            if (!functions.empty()) functions.push_back(',');
            functions.append("{\"type\":\"function\",\"function\":{\"name\":");
            core::appendJsonString(functions, name);
            if (pipeline::readIfPresent(declaration["description"].get_string(), description)) {
                functions.append(",\"description\":");
                core::appendJsonString(functions, description);
            }
            element schema;
            functions.append(",\"parameters\":");
            if (!declaration["parametersJsonSchema"].get(schema) || !declaration["parameters"].get(schema))
                functions.append(simdjson::minify(schema));
            else
                functions.append("{\"type\":\"object\",\"properties\":{}}");
            functions.append("}}");
        }
    }
    out.append(",\"tools\":[").append(functions).push_back(']');

    std::string_view mode;
    if (request.at_pointer("/toolConfig/functionCallingConfig/mode").get_string().get(mode)) return;
    array allowed;
    std::string_view only;
    if (!request.at_pointer("/toolConfig/functionCallingConfig/allowedFunctionNames").get_array().get(allowed) &&
        allowed.size() == 1 && !allowed.at(0).get_string().get(only) && mode == "ANY") {
        out.append(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":");
        core::appendJsonString(out, only);
        out.append("}}");
    } else if (mode == "ANY") {
        out.append(",\"tool_choice\":\"required\"");
    } else if (mode == "NONE") {
        out.append(",\"tool_choice\":\"none\"");
    } else if (mode == "AUTO" || mode == "VALIDATED") {
        out.append(",\"tool_choice\":\"auto\"");
    }
}

}  // namespace

void validateGenerateContent(object request) {
    array contents;
    if (request["contents"].get_array().get(contents) || contents.size() == 0)
        throw invalidField("contents", "is required and must be a non-empty array");
    std::size_t index = 0;
    for (element content_value : contents) {
        const std::string where = "contents[" + std::to_string(index++) + "]";
        object content;
        if (content_value.get_object().get(content)) throw invalidField(where, "must be an object");
        if (const auto key = core::findDuplicateKey(content)) throw core::duplicateKeyError(*key, where);
        std::string_view role = "user";
        element role_value;
        if (!content["role"].get(role_value) && (role_value.get_string().get(role) || (role != "user" && role != "model")))
            throw invalidField(where + ".role", "must be 'user' or 'model'");
        array parts;
        if (content["parts"].get_array().get(parts) || parts.size() == 0)
            throw invalidField(where + ".parts", "is required and must be a non-empty array");
        std::size_t part_index = 0;
        for (element part_value : parts) {
            const std::string part_where = where + ".parts[" + std::to_string(part_index++) + "]";
            object part;
            if (part_value.get_object().get(part)) throw invalidField(part_where, "must be an object");
            if (const auto key = core::findDuplicateKey(part)) throw core::duplicateKeyError(*key, part_where);
        }
    }
}

std::string geminiToChat(object request, std::string_view model, bool stream) {
    std::string out = "{\"model\":";
    core::appendJsonString(out, model);
    appendMessages(out, request);
    appendGenerationConfig(out, request);
    appendTools(out, request);
    if (stream) out.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    out.push_back('}');
    return out;
}

}  // namespace portico::api::gemini
