#include "anthropic/MessagesValidation.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <vector>

namespace portico::fakes::anthropic {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::array<std::string_view, 17> kMessagesFields = {
    "model", "messages", "max_tokens", "system", "temperature", "top_p", "top_k", "stop_sequences", "stream",
    "tools", "tool_choice", "metadata", "thinking", "service_tier", "container", "mcp_servers", "inference_geo"};
constexpr std::array<std::string_view, 7> kCountTokensFields = {"model", "messages", "system", "tools",
                                                                "tool_choice", "thinking", "mcp_servers"};
constexpr std::array<std::string_view, 11> kBlockTypes = {
    "text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking", "search_result",
    "server_tool_use", "web_search_tool_result", "container_upload"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<Refusal> refuse(std::string message) { return Refusal{std::move(message)}; }

std::optional<Refusal> checkBlock(object block, std::string_view role, const std::string& where) {
    std::string_view type;
    if (block["type"].get(type) != simdjson::SUCCESS) return refuse(where + ".type: Field required");
    if (!listed(kBlockTypes, type))
        return refuse(where + ": Input tag '" + std::string(type) +
                      "' found using 'type' does not match any of the expected tags");
    if (type == "text") {
        std::string_view text;
        if (block["text"].get(text) != simdjson::SUCCESS) return refuse(where + ".text: Field required");
        if (text.empty()) return refuse("messages: text content blocks must be non-empty");
    } else if (type == "tool_use") {
        element input;
        if (block["input"].get(input) != simdjson::SUCCESS || !input.is_object())
            return refuse(where + ".tool_use.input: Input should be a valid dictionary");
        std::string_view id;
        if (block["id"].get(id) != simdjson::SUCCESS || id.empty()) return refuse(where + ".tool_use.id: Field required");
    } else if (type == "tool_result") {
        if (role != "user") return refuse(where + ": tool_result blocks are only allowed in user messages");
        std::string_view id;
        if (block["tool_use_id"].get(id) != simdjson::SUCCESS) return refuse(where + ".tool_result.tool_use_id: Field required");
    } else if (type == "image") {
        object source;
        if (block["source"].get(source) != simdjson::SUCCESS) return refuse(where + ".image.source: Field required");
    }
    return std::nullopt;
}

/// The ids of a message's blocks of `type` (tool_use: "id", tool_result: "tool_use_id").
std::vector<std::string_view> blockIds(element message, std::string_view type, const char* id_key) {
    std::vector<std::string_view> ids;
    array blocks;
    if (message["content"].get(blocks) != simdjson::SUCCESS) return ids;
    for (element block : blocks) {
        std::string_view block_type, id;
        if (block["type"].get(block_type) == simdjson::SUCCESS && block_type == type && block[id_key].get(id) == simdjson::SUCCESS)
            ids.push_back(id);
    }
    return ids;
}

/// Each tool_use must be answered by a tool_result in the very next (user) message, unless the
/// assistant turn is the last one.
std::optional<Refusal> checkToolResultsFollow(array messages) {
    std::vector<element> list(messages.begin(), messages.end());
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
        const std::vector<std::string_view> uses = blockIds(list[i], "tool_use", "id");
        if (uses.empty()) continue;
        const std::vector<std::string_view> results = blockIds(list[i + 1], "tool_result", "tool_use_id");
        for (const std::string_view id : uses)
            if (std::find(results.begin(), results.end(), id) == results.end())
                return refuse("messages." + std::to_string(i + 1) + ": `tool_use` ids were found without `tool_result` blocks "
                              "immediately after: " + std::string(id) + ". Each `tool_use` block must have a corresponding "
                              "`tool_result` block in the next message.");
    }
    return std::nullopt;
}

std::optional<Refusal> checkMessages(array messages) {
    if (messages.size() == 0) return refuse("messages: at least one message is required");
    std::size_t index = 0;
    for (element item : messages) {
        const std::string where = "messages." + std::to_string(index);
        const bool last = ++index == messages.size();
        object message;
        if (item.get(message) != simdjson::SUCCESS) return refuse(where + ": Input should be a valid dictionary");
        std::string_view role;
        if (message["role"].get(role) != simdjson::SUCCESS) return refuse(where + ".role: Field required");
        if (role == "system")
            return refuse("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, "
                          "not \"system\" as an input message role.");
        if (role != "user" && role != "assistant") return refuse(where + ".role: Input should be 'user' or 'assistant'");
        for (const auto field : message)
            if (field.key != "role" && field.key != "content")
                return refuse(where + "." + std::string(field.key) + ": Extra inputs are not permitted");
        element content;
        if (message["content"].get(content) != simdjson::SUCCESS) return refuse(where + ".content: Field required");
        const auto empty = [&] {
            return refuse(where + ": all messages must have non-empty content except for the optional final assistant message");
        };
        std::string_view text;
        array blocks;
        const bool prefill = last && role == "assistant";
        // The last text of a prefill (a final assistant turn the answer continues from).
        std::string_view prefill_text;
        if (content.get(text) == simdjson::SUCCESS) {
            if (text.empty() && !prefill) return empty();
            prefill_text = text;
        } else if (content.get(blocks) == simdjson::SUCCESS) {
            if (blocks.size() == 0 && !prefill) return empty();
            std::size_t block_index = 0;
            for (element block_item : blocks) {
                const std::string block_where = where + ".content." + std::to_string(block_index++);
                object block;
                if (block_item.get(block) != simdjson::SUCCESS) return refuse(block_where + ": Input should be a valid dictionary");
                if (auto refusal = checkBlock(block, role, block_where)) return refusal;
                if (std::string_view type; block["type"].get(type) == simdjson::SUCCESS && type == "text")
                    prefill_text = block["text"].get_string().value_unsafe();
            }
        } else {
            return refuse(where + ".content: Input should be a valid list");
        }
        if (prefill && !prefill_text.empty() && std::string_view(" \t\r\n").find(prefill_text.back()) != std::string_view::npos)
            return refuse("messages: final assistant content cannot end with trailing whitespace");
    }
    return checkToolResultsFollow(messages);
}

std::optional<Refusal> checkTools(object root, MessagesRequest& request) {
    element tools_value;
    if (root["tools"].get(tools_value) == simdjson::SUCCESS) {
        array tools;
        if (tools_value.get(tools) != simdjson::SUCCESS) return refuse("tools: Input should be a valid list");
        std::size_t index = 0;
        for (element item : tools) {
            const std::string where = "tools." + std::to_string(index++);
            object tool;
            std::string_view name;
            element schema;
            if (item.get(tool) != simdjson::SUCCESS || tool["name"].get(name) != simdjson::SUCCESS)
                return refuse(where + ".custom.name: Field required");
            if (tool["input_schema"].get(schema) != simdjson::SUCCESS || !schema.is_object())
                return refuse(where + ".custom.input_schema: Field required");
            for (const auto field : tool)
                if (field.key != "name" && field.key != "description" && field.key != "input_schema" &&
                    field.key != "cache_control" && field.key != "type")
                    return refuse(where + ".custom." + std::string(field.key) + ": Extra inputs are not permitted");
            if (request.first_tool.empty()) request.first_tool = std::string(name);
        }
    }
    object choice;
    if (root["tool_choice"].get(choice) == simdjson::SUCCESS) {
        std::string_view type;
        if (choice["type"].get(type) != simdjson::SUCCESS ||
            (type != "auto" && type != "any" && type != "tool" && type != "none"))
            return refuse("tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
        std::string_view name;
        if (type == "tool" && choice["name"].get(name) != simdjson::SUCCESS) return refuse("tool_choice.tool.name: Field required");
    }
    return std::nullopt;
}

}  // namespace

std::optional<Refusal> validate(std::string_view body, Endpoint endpoint, MessagesRequest& request) {
    thread_local simdjson::dom::parser parser;
    element root_value;
    object root;
    if (parser.parse(body.data(), body.size()).get(root_value) != simdjson::SUCCESS || root_value.get(root) != simdjson::SUCCESS)
        return refuse("There was an error parsing the body of your request. Please make sure it is valid JSON.");
    for (const auto field : root) {
        const bool known = endpoint == Endpoint::Messages ? listed(kMessagesFields, field.key) : listed(kCountTokensFields, field.key);
        if (!known) return refuse(std::string(field.key) + ": Extra inputs are not permitted");
    }
    std::string_view model;
    if (root["model"].get(model) != simdjson::SUCCESS || model.empty()) return refuse("model: Field required");
    request.model = std::string(model);
    if (endpoint == Endpoint::Messages) {
        uint64_t max_tokens = 0;
        element value;
        if (root["max_tokens"].get(value) != simdjson::SUCCESS) return refuse("max_tokens: Field required");
        if (value.get(max_tokens) != simdjson::SUCCESS || max_tokens < 1)
            return refuse("max_tokens: Input should be greater than or equal to 1");
        double temperature = 0;
        if (root["temperature"].get(value) == simdjson::SUCCESS &&
            (value.get(temperature) != simdjson::SUCCESS || temperature < 0 || temperature > 1))
            return refuse("temperature: Input should be less than or equal to 1");
        if (root["stop_sequences"].get(value) == simdjson::SUCCESS && !value.is_array())
            return refuse("stop_sequences: Input should be a valid list");
        bool stream = false;
        if (root["stream"].get(value) == simdjson::SUCCESS && value.get(stream) != simdjson::SUCCESS)
            return refuse("stream: Input should be a valid boolean");
        request.stream = stream;
    }
    element system;
    if (root["system"].get(system) == simdjson::SUCCESS && !system.is_string() && !system.is_array())
        return refuse("system: Input should be a valid string");
    array messages;
    if (root["messages"].get(messages) != simdjson::SUCCESS) return refuse("messages: Field required");
    if (auto refusal = checkMessages(messages)) return refusal;
    return checkTools(root, request);
}

}  // namespace portico::fakes::anthropic
