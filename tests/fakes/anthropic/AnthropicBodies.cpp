#include "anthropic/AnthropicBodies.h"

#include "JsonText.h"

namespace portico::fakes::anthropic::bodies {
namespace {

void appendUsage(std::string& out, Usage usage) {
    out.append(R"({"input_tokens":)").append(std::to_string(usage.input_tokens));
    out.append(R"(,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":)");
    out.append(std::to_string(usage.output_tokens)).append("}");
}

/// A message whose content is `content_json` (an array).
std::string message(std::string_view id, std::string_view model, std::string_view content_json,
                    std::string_view stop_reason, Usage usage) {
    std::string out = R"({"id":)";
    appendJsonString(out, id);
    out.append(R"(,"type":"message","role":"assistant","model":)");
    appendJsonString(out, model);
    out.append(R"(,"content":)").append(content_json);
    out.append(R"(,"stop_reason":)");
    appendJsonString(out, stop_reason);
    out.append(R"(,"stop_sequence":null,"usage":)");
    appendUsage(out, usage);
    out.append("}");
    return out;
}

std::string blockEvent(std::string_view type, int index, std::string_view tail) {
    std::string out = R"({"type":")";
    out.append(type).append(R"(","index":)").append(std::to_string(index)).append(tail).append("}");
    return out;
}

}  // namespace

std::string textMessage(std::string_view id, std::string_view model, std::string_view text, Usage usage) {
    std::string content = R"([{"type":"text","text":)";
    appendJsonString(content, text);
    content.append("}]");
    return message(id, model, content, "end_turn", usage);
}

std::string toolMessage(std::string_view id, std::string_view model, std::string_view tool_id, std::string_view name,
                        std::string_view input_json, Usage usage) {
    std::string content = R"([{"type":"tool_use","id":)";
    appendJsonString(content, tool_id);
    content.append(R"(,"name":)");
    appendJsonString(content, name);
    content.append(R"(,"input":)").append(input_json).append("}]");
    return message(id, model, content, "tool_use", usage);
}

std::string error(std::string_view type, std::string_view message_text) {
    std::string out = R"({"type":"error","error":{"type":)";
    appendJsonString(out, type);
    out.append(R"(,"message":)");
    appendJsonString(out, message_text);
    out.append(R"(},"request_id":"req_fake"})");
    return out;
}

std::string_view errorTypeFor(int status) {
    switch (status) {
    case 401: return "authentication_error";
    case 402: return "billing_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 500: return "api_error";
    case 504: return "timeout_error";
    case 529: return "overloaded_error";
    default: return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

namespace events {

std::string messageStart(std::string_view id, std::string_view model, int input_tokens) {
    std::string out = R"({"type":"message_start","message":{"id":)";
    appendJsonString(out, id);
    out.append(R"(,"type":"message","role":"assistant","model":)");
    appendJsonString(out, model);
    out.append(R"(,"content":[],"stop_reason":null,"stop_sequence":null,"usage":)");
    appendUsage(out, Usage{input_tokens, 1});
    out.append("}}");
    return out;
}

std::string textBlockStart(int index) {
    return blockEvent("content_block_start", index, R"(,"content_block":{"type":"text","text":""})");
}

std::string toolBlockStart(int index, std::string_view tool_id, std::string_view name) {
    std::string tail = R"(,"content_block":{"type":"tool_use","id":)";
    appendJsonString(tail, tool_id);
    tail.append(R"(,"name":)");
    appendJsonString(tail, name);
    tail.append(R"(,"input":{}})");
    return blockEvent("content_block_start", index, tail);
}

std::string textDelta(int index, std::string_view text) {
    std::string tail = R"(,"delta":{"type":"text_delta","text":)";
    appendJsonString(tail, text);
    tail.append("}");
    return blockEvent("content_block_delta", index, tail);
}

std::string inputJsonDelta(int index, std::string_view partial_json) {
    std::string tail = R"(,"delta":{"type":"input_json_delta","partial_json":)";
    appendJsonString(tail, partial_json);
    tail.append("}");
    return blockEvent("content_block_delta", index, tail);
}

std::string blockStop(int index) { return blockEvent("content_block_stop", index, ""); }

std::string messageDelta(std::string_view stop_reason, int output_tokens) {
    std::string out = R"({"type":"message_delta","delta":{"stop_reason":)";
    appendJsonString(out, stop_reason);
    out.append(R"(,"stop_sequence":null},"usage":{"output_tokens":)").append(std::to_string(output_tokens)).append("}}");
    return out;
}

}  // namespace events
}  // namespace portico::fakes::anthropic::bodies
