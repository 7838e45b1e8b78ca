#pragma once
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <string>
#include <string_view>

namespace portico::gemini {

/// Every body the plugin writes goes through one rapidjson writer type (escaping and number
/// formatting in one place, never string concatenation).
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void writeString(JsonWriter& out, std::string_view text) {
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void writeKey(JsonWriter& out, std::string_view key) {
    out.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

/// Copies a parsed value as it is (tool arguments, function responses, schemas' enum and
/// example values): both APIs carry these as free JSON.
inline void writeElement(JsonWriter& out, simdjson::dom::element value) {
    using simdjson::dom::element_type;
    switch (value.type()) {
        case element_type::ARRAY:
            out.StartArray();
            for (simdjson::dom::element item : simdjson::dom::array(value.get_array().value_unsafe())) writeElement(out, item);
            out.EndArray();
            break;
        case element_type::OBJECT:
            out.StartObject();
            for (simdjson::dom::key_value_pair field : simdjson::dom::object(value.get_object().value_unsafe())) {
                writeKey(out, field.key);
                writeElement(out, field.value);
            }
            out.EndObject();
            break;
        case element_type::INT64: out.Int64(value.get_int64().value_unsafe()); break;
        case element_type::UINT64: out.Uint64(value.get_uint64().value_unsafe()); break;
        case element_type::DOUBLE: out.Double(value.get_double().value_unsafe()); break;
        case element_type::STRING: writeString(out, value.get_string().value_unsafe()); break;
        case element_type::BOOL: out.Bool(value.get_bool().value_unsafe()); break;
        case element_type::NULL_VALUE: out.Null(); break;
    }
}

/// The JSON text of a parsed value, for places that hold JSON as a string (OpenAI's
/// function.arguments).
inline std::string elementText(simdjson::dom::element value) {
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    writeElement(out, value);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace portico::gemini
