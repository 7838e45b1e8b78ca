#include "bedrock/ConverseValidation.h"

#include <set>

namespace portico::fakes::bedrock {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

bool validToolId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
    return true;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

/// One content block: exactly one member, and the members this fake understands well-formed.
std::string invalidBlock(element item, const std::string& where, std::set<std::string, std::less<>>& open_tool_uses,
                         bool& has_tool_blocks) {
    object block;
    if (item.get(block) != simdjson::SUCCESS || block.size() != 1)
        return where + " must set exactly one member of ContentBlock";
    const auto [key, value] = *block.begin();
    if (key == "text") {
        std::string_view text;
        if (value.get(text) != simdjson::SUCCESS || blank(text))
            return "The text field in the ContentBlock object at " + where + " is blank. Add text to the text field, and try again.";
    } else if (key == "image") {
        std::string_view format, bytes;
        if (value["format"].get(format) != simdjson::SUCCESS || value["source"]["bytes"].get(bytes) != simdjson::SUCCESS)
            return where + ".image needs format and source.bytes";
    } else if (key == "toolUse") {
        has_tool_blocks = true;
        std::string_view id, name;
        element input;
        if (value["toolUseId"].get(id) != simdjson::SUCCESS || !validToolId(id) ||
            value["name"].get(name) != simdjson::SUCCESS || value["input"].get(input) != simdjson::SUCCESS)
            return where + ".toolUse needs a toolUseId matching [a-zA-Z0-9_-]+, a name and an input";
        open_tool_uses.emplace(id);
    } else if (key == "toolResult") {
        has_tool_blocks = true;
        std::string_view id;
        array content;
        if (value["toolUseId"].get(id) != simdjson::SUCCESS || value["content"].get(content) != simdjson::SUCCESS)
            return where + ".toolResult needs a toolUseId and content";
        const auto open = open_tool_uses.find(id);
        if (open == open_tool_uses.end())
            return "The toolResult block at " + where + " has no matching toolUse block in the previous turn.";
        open_tool_uses.erase(open);
    } else if (key != "document" && key != "reasoningContent" && key != "cachePoint" && key != "guardContent") {
        return "Unknown content block member '" + std::string(key) + "' at " + where;
    }
    return {};
}

std::string invalidMessages(array messages, bool& has_tool_blocks) {
    if (messages.size() == 0) return "The messages field is required and must not be empty.";
    std::string_view previous;
    std::set<std::string, std::less<>> open_tool_uses;
    std::size_t index = 0;
    for (element item : messages) {
        const std::string where = "messages." + std::to_string(index);
        std::string_view role;
        array content;
        if (item["role"].get(role) != simdjson::SUCCESS || (role != "user" && role != "assistant"))
            return where + ".role must be user or assistant";
        if (index == 0 && role != "user")
            return "A conversation must start with a user message. Try again with a conversation that starts with a user message.";
        if (role == previous)
            return "A conversation must alternate between user and assistant roles. Make sure the conversation alternates "
                   "between user and assistant roles and try again.";
        if (item["content"].get(content) != simdjson::SUCCESS || content.size() == 0)
            return "The content field in the Message object at " + where + " is empty. Add a ContentBlock object to the "
                   "content field and try again.";
        std::size_t block_index = 0;
        for (element block : content) {
            const std::string problem =
                invalidBlock(block, where + ".content." + std::to_string(block_index++), open_tool_uses, has_tool_blocks);
            if (!problem.empty()) return problem;
        }
        previous = role;
        ++index;
    }
    return {};
}

std::string invalidInference(object body) {
    element config;
    if (body["inferenceConfig"].get(config) != simdjson::SUCCESS) return {};
    double number = 0;
    for (const char* key : {"temperature", "topP"})
        if (config[key].get(number) == simdjson::SUCCESS && (number < 0 || number > 1))
            return std::string("inferenceConfig.") + key + " must be between 0 and 1";
    int64_t max_tokens = 0;
    if (config["maxTokens"].get(max_tokens) == simdjson::SUCCESS && max_tokens < 1)
        return "inferenceConfig.maxTokens must be at least 1";
    return {};
}

}  // namespace

std::string invalidConverseBody(element root) {
    object body;
    if (root.get(body) != simdjson::SUCCESS) return "The request body must be a JSON object.";
    array messages;
    if (body["messages"].get(messages) != simdjson::SUCCESS) return "The messages field is required.";
    bool has_tool_blocks = false;
    if (std::string problem = invalidMessages(messages, has_tool_blocks); !problem.empty()) return problem;
    element system;
    if (body["system"].get(system) == simdjson::SUCCESS) {
        array blocks;
        if (system.get(blocks) != simdjson::SUCCESS) return "system must be an array of SystemContentBlock";
        for (element block : blocks) {
            std::string_view text;
            if (block["text"].get(text) != simdjson::SUCCESS || blank(text)) return "system blocks need a non-blank text";
        }
    }
    element tool_config;
    if (has_tool_blocks && body["toolConfig"].get(tool_config) != simdjson::SUCCESS)
        return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
    return invalidInference(body);
}

}  // namespace portico::fakes::bedrock
