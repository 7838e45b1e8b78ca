#pragma once
#include <portico/plugin.h>

#include <optional>
#include <string>

#include <simdjson.h>

namespace portico::openai {

/// What the gateway needs to know about an OpenAI response body or stream chunk: its token
/// usage and whether it is an error. Everything else passes through untouched, so only these two
/// top-level keys are read and every other value is skipped without being decoded.
struct OpenAiPayload {
    /// A non-null top-level "usage" object was present.
    bool has_usage = false;
    /// Its counts; total_tokens is prompt + completion when the upstream leaves it out.
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    /// Set when a top-level "error" key was present: error.message, or the error itself when it is
    /// a bare string, or a generic text when it has neither.
    std::optional<std::string> error_message;

    /// Inspects one JSON document. Throws simdjson::simdjson_error when it is not a JSON object or
    /// is malformed where it was read (skipped values are checked only for structure).
    static OpenAiPayload inspect(simdjson::ondemand::parser& parser, simdjson::padded_string_view json);
};

}  // namespace portico::openai
