#pragma once
#include <simdjson.h>

#include "JsonOut.h"

namespace portico::gemini {

/// Writes a JSON Schema (OpenAI tool parameters, response_format json_schema) as the OpenAPI
/// subset Gemini's `Schema` accepts. Gemini answers 400 for keys outside that subset, so only its
/// fields are kept (type, format, title, description, nullable, enum, items, properties, required,
/// anyOf, the min/max bounds, pattern, example, default, propertyOrdering); the rest
/// (additionalProperties, $schema, strict, $defs, ...) is dropped, as LiteLLM does, and so is a
/// `format` other than enum, date-time, float, double, int32, int64. Also:
///   - `type: ["string","null"]` and an `anyOf` member `{type:"null"}` become `nullable: true`;
///     several non-null types become an anyOf of one type each;
///   - `oneOf` is sent as anyOf; `const` as a one-value enum;
///   - local `$ref`s (#/$defs/X, #/definitions/X) are inlined from the root schema.
/// Throws PluginError(PORTICO_ERR_UNSUPPORTED, 400) for a non-local or cyclic $ref.
void writeGeminiSchema(JsonWriter& out, simdjson::dom::element schema);

}  // namespace portico::gemini
