#pragma once
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::anthropic {

/// Every body the plugin writes goes through one rapidjson writer type (escaping and number
/// formatting in one place, never string concatenation).
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void writeString(JsonWriter& out, std::string_view text) {
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void writeKey(JsonWriter& out, std::string_view key) {
    out.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

/// Copies a parsed value as it is (tool schemas, tool inputs, cache_control): both APIs carry
/// these as free JSON. simdjson's minify gives the value's JSON text, which goes in raw.
inline void writeElement(JsonWriter& out, simdjson::dom::element value) {
    const std::string text = simdjson::minify(value);
    const rapidjson::Type type = value.is_object() ? rapidjson::kObjectType
                                 : value.is_array() ? rapidjson::kArrayType
                                                    : rapidjson::kStringType;
    out.RawValue(text.data(), text.size(), type);
}

inline std::string_view written(const rapidjson::StringBuffer& buffer) {
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace portico::anthropic
