#include "AnthropicEvent.h"

#include <rapidjson/document.h>

#include "AnthropicError.h"

namespace portico::anthropic {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string_view stringOr(object from, std::string_view key) {
    std::string_view value;
    return from[key].get(value) == simdjson::SUCCESS ? value : std::string_view();
}

/// The `usage` object of `from`, kept as an element for AnthropicUsage to read.
std::optional<element> usageAt(object from) {
    element value;
    if (from["usage"].get(value) != simdjson::SUCCESS || !value.is_object()) return std::nullopt;
    return value;
}

std::optional<object> objectAt(object from, std::string_view key) {
    object value;
    if (from[key].get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

/// The text a delta carries, whichever kind it is.
std::string_view deltaText(object delta) {
    for (const std::string_view key : {"text", "partial_json", "thinking"})
        if (std::string_view text = stringOr(delta, key); !text.empty()) return text;
    return {};
}

}  // namespace

const AnthropicEvent& EventReader::read(std::string_view data) {
    event_ = AnthropicEvent{};
    element root;
    const simdjson::error_code parsed = parser_.parse(data.data(), data.size()).get(root);
    if (parsed == simdjson::UTF8_ERROR && readRawDelta(data)) return event_;
    object event;
    if (parsed != simdjson::SUCCESS || root.get(event) != simdjson::SUCCESS)
        throw brokenStream("anthropic: upstream sent a stream event that is not a JSON object");
    event_.type = stringOr(event, "type");
    if (event_.type.empty()) throw brokenStream("anthropic: upstream sent a stream event without a type");
    int64_t index = -1;
    if (event["index"].get(index) == simdjson::SUCCESS) event_.index = index;
    if (const auto block = objectAt(event, "content_block")) {
        event_.block_type = stringOr(*block, "type");
        event_.block_id = stringOr(*block, "id");
        event_.block_name = stringOr(*block, "name");
        event_.block_text = stringOr(*block, "text");
    }
    if (const auto delta = objectAt(event, "delta")) {
        event_.delta_type = stringOr(*delta, "type");
        event_.delta_text = deltaText(*delta);
        event_.stop_reason = stringOr(*delta, "stop_reason");
    }
    if (const auto message = objectAt(event, "message")) {
        event_.message_id = stringOr(*message, "id");
        event_.message_model = stringOr(*message, "model");
        event_.usage = usageAt(*message);
    }
    if (const auto usage = usageAt(event)) event_.usage = usage;
    if (const auto error = objectAt(event, "error")) {
        event_.error_type = stringOr(*error, "type");
        event_.error_message = stringOr(*error, "message");
    }
    return event_;
}

bool EventReader::readRawDelta(std::string_view data) {
    // rapidjson's default parse flags do not validate UTF-8: string bytes are copied as they are.
    rapidjson::Document document;
    document.Parse(data.data(), data.size());
    if (document.HasParseError() || !document.IsObject()) return false;
    const auto type = document.FindMember("type");
    const auto index = document.FindMember("index");
    const auto delta = document.FindMember("delta");
    if (type == document.MemberEnd() || !type->value.IsString() || std::string_view(type->value.GetString()) != "content_block_delta" ||
        index == document.MemberEnd() || !index->value.IsInt64() || delta == document.MemberEnd() || !delta->value.IsObject())
        return false;
    const auto delta_type = delta->value.FindMember("type");
    if (delta_type == delta->value.MemberEnd() || !delta_type->value.IsString()) return false;
    const std::string_view kind(delta_type->value.GetString(), delta_type->value.GetStringLength());
    const char* key = kind == "text_delta" ? "text" : kind == "input_json_delta" ? "partial_json"
                    : kind == "thinking_delta" ? "thinking" : nullptr;
    if (!key) return false;
    const auto text = delta->value.FindMember(key);
    if (text == delta->value.MemberEnd() || !text->value.IsString()) return false;
    raw_delta_text_.assign(text->value.GetString(), text->value.GetStringLength());
    event_.type = "content_block_delta";
    event_.index = index->value.GetInt64();
    event_.delta_type = kind == "text_delta" ? "text_delta" : kind == "input_json_delta" ? "input_json_delta" : "thinking_delta";
    event_.delta_text = raw_delta_text_;
    return true;
}

}  // namespace portico::anthropic
