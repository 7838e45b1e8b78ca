#pragma once
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::plugin_common {

/// The JSON writing every translating provider needs: one rapidjson writer type (escaping and
/// number formatting in one place, never string concatenation), and parsed values copied as
/// they are (tool schemas and inputs are free JSON in every API). The anthropic and gemini
/// plugins still carry their own copies of these helpers from before this header existed.
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void writeString(JsonWriter& out, std::string_view text) {
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void writeKey(JsonWriter& out, std::string_view key) {
    out.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

/// Copies a parsed value; its minified text goes in raw, so numbers keep their spelling.
inline void writeElement(JsonWriter& out, simdjson::dom::element value) {
    const std::string text = simdjson::minify(value);
    const rapidjson::Type type = value.is_object() ? rapidjson::kObjectType
                                 : value.is_array() ? rapidjson::kArrayType
                                                    : rapidjson::kStringType;
    out.RawValue(text.data(), text.size(), type);
}

inline std::string_view written(const rapidjson::StringBuffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

}  // namespace portico::plugin_common
