#include "GeminiSchema.h"

#include <array>
#include <string>
#include <string_view>

#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using simdjson::dom::element;
using simdjson::dom::element_type;

/// Keys Gemini's Schema has that carry the same meaning and value shape as in JSON Schema.
constexpr std::array<std::string_view, 16> kCopiedKeys = {
    "title",     "description",   "enum",          "maxItems", "minItems",
    "required",  "minLength", "maxLength",     "minProperties", "maxProperties", "pattern",
    "example",   "default",   "propertyOrdering", "minimum",    "maximum"};

/// Deeper than any real tool schema; what stops a self-referencing $ref from looping forever.
constexpr int kMaxDepth = 32;

/// The formats the Gemini API accepts; others ("email", "uri", ...) are a 400 there, so they are
/// dropped (the description still says what the value is).
bool isKnownFormat(element value) {
    std::string_view format;
    if (value.get_string().get(format) != simdjson::SUCCESS) return false;
    for (std::string_view known : {"enum", "date-time", "float", "double", "int32", "int64"})
        if (format == known) return true;
    return false;
}

bool isCopied(std::string_view key) {
    for (std::string_view copied : kCopiedKeys)
        if (key == copied) return true;
    return false;
}

bool isNullType(element schema) {
    std::string_view type;
    return schema.is_object() && schema["type"].get_string().get(type) == simdjson::SUCCESS && type == "null";
}

class SchemaWriter {
public:
    SchemaWriter(JsonWriter& out, element root) : out_(out), root_(root) {}

    void write(element schema, int depth) {
        if (depth > kMaxDepth)
            throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "gemini: a tool schema nests too deep (or its $ref is cyclic)");
        if (!schema.is_object()) {  // `true` / `{}`: any value; Gemini has no such schema, send an empty one
            out_.StartObject();
            out_.EndObject();
            return;
        }
        std::string_view ref;
        if (schema["$ref"].get_string().get(ref) == simdjson::SUCCESS) return write(resolve(ref), depth + 1);

        out_.StartObject();
        bool nullable = false;
        writeType(schema, nullable);
        writeAnyOf(schema, depth, nullable);
        for (simdjson::dom::key_value_pair field : simdjson::dom::object(schema.get_object().value_unsafe())) {
            const std::string_view key = field.key;
            if (isCopied(key)) {
                writeKey(out_, key);
                writeElement(out_, field.value);
            } else if (key == "format") {
                if (isKnownFormat(field.value)) {
                    writeKey(out_, key);
                    writeElement(out_, field.value);
                }
            } else if (key == "nullable") {
                bool flag = false;
                if (field.value.get_bool().get(flag) == simdjson::SUCCESS) nullable = nullable || flag;
            } else if (key == "const") {
                writeKey(out_, "enum");
                out_.StartArray();
                writeElement(out_, field.value);
                out_.EndArray();
            } else if (key == "items") {
                writeKey(out_, "items");
                // A tuple form (items: [..]) has no Gemini equivalent; its first member is the closest.
                element items = field.value;
                if (items.is_array()) {
                    simdjson::dom::array tuple = items.get_array().value_unsafe();
                    if (tuple.size() == 0) {
                        out_.StartObject();
                        out_.EndObject();
                        continue;
                    }
                    items = tuple.at(0).value_unsafe();
                }
                write(items, depth + 1);
            } else if (key == "properties" && field.value.is_object()) {
                writeKey(out_, "properties");
                out_.StartObject();
                for (simdjson::dom::key_value_pair property : simdjson::dom::object(field.value.get_object().value_unsafe())) {
                    writeKey(out_, property.key);
                    write(property.value, depth + 1);
                }
                out_.EndObject();
            }
        }
        if (nullable) {
            writeKey(out_, "nullable");
            out_.Bool(true);
        }
        out_.EndObject();
    }

private:
    /// "type" as one Gemini type; a JSON Schema type list is split into nullable + the rest.
    void writeType(element schema, bool& nullable) {
        element type;
        if (schema["type"].get(type) != simdjson::SUCCESS) return;
        if (type.is_string()) {
            if (std::string_view(type.get_string().value_unsafe()) == "null") {
                nullable = true;
                return;
            }
            writeKey(out_, "type");
            writeElement(out_, type);
            return;
        }
        if (!type.is_array()) return;
        std::string_view single;
        int others = 0;
        for (element member : simdjson::dom::array(type.get_array().value_unsafe())) {
            std::string_view name;
            if (member.get_string().get(name) != simdjson::SUCCESS) continue;
            if (name == "null") nullable = true;
            else if (++others == 1) single = name;
        }
        if (others == 1) {
            writeKey(out_, "type");
            writeString(out_, single);
        } else if (others > 1 && schema["anyOf"].error() && schema["oneOf"].error()) {  // else anyOf is taken
            writeKey(out_, "anyOf");
            out_.StartArray();
            for (element member : simdjson::dom::array(type.get_array().value_unsafe())) {
                std::string_view name;
                if (member.get_string().get(name) != simdjson::SUCCESS || name == "null") continue;
                out_.StartObject();
                writeKey(out_, "type");
                writeString(out_, name);
                out_.EndObject();
            }
            out_.EndArray();
        }
    }

    /// anyOf (and oneOf, which Gemini lacks) without its {type:"null"} members, which mean nullable.
    void writeAnyOf(element schema, int depth, bool& nullable) {
        for (std::string_view key : {std::string_view("anyOf"), std::string_view("oneOf")}) {
            simdjson::dom::array members;
            if (schema[key].get_array().get(members) != simdjson::SUCCESS) continue;
            writeKey(out_, "anyOf");
            out_.StartArray();
            for (element member : members) {
                if (isNullType(member)) nullable = true;
                else write(member, depth + 1);
            }
            out_.EndArray();
            return;  // both present would write anyOf twice; the first one wins
        }
    }

    element resolve(std::string_view ref) const {
        if (ref.starts_with("#/")) {
            element target;
            if (root_.at_pointer(ref.substr(1)).get(target) == simdjson::SUCCESS) return target;
        }
        throw PluginError(PORTICO_ERR_UNSUPPORTED, 400,
                          "gemini: a tool schema's $ref \"" + std::string(ref) + "\" is not a local definition");
    }

    JsonWriter& out_;
    element root_;
};

}  // namespace

void writeGeminiSchema(JsonWriter& out, element schema) { SchemaWriter(out, schema).write(schema, 0); }

}  // namespace portico::gemini
