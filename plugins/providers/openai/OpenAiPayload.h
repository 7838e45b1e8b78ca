#pragma once
#include <portico/plugin.h>

#include <optional>
#include <string>

#include <simdjson.h>

namespace portico::openai {

/// An upstream's error object: {"error":{"message","type","code",...}} (OpenAI, Azure and
/// compatible servers), a bare string, or a Responses `error` event / `response.error`.
struct UpstreamErrorInfo {
    std::string message;
    /// error.code when it is a string (Azure: "content_filter", "429"), else error.type: the
    /// words the error class is told from.
    std::string code;
};

/// What the gateway needs to know about an OpenAI response body or stream chunk: its token
/// usage and whether it is an error. Everything else passes through untouched, so only these two
/// top-level keys are read and every other value is skipped without being decoded.
struct OpenAiPayload {
    /// A non-null top-level "usage" object was present.
    bool has_usage = false;
    /// Its counts, in either naming: chat/completions/embeddings (prompt_tokens,
    /// completion_tokens) or Responses (input_tokens, output_tokens). total_tokens is prompt +
    /// completion when the upstream leaves it out.
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    /// Set when a top-level "error" key was present and not null: error.message, or the error
    /// itself when it is a bare string, or a generic text when it has neither.
    std::optional<UpstreamErrorInfo> error;

    /// Inspects one JSON document. Throws simdjson::simdjson_error when it is not a JSON object or
    /// is malformed where it was read (skipped values are checked only for structure).
    static OpenAiPayload inspect(simdjson::ondemand::parser& parser, simdjson::padded_string_view json);
};

/// One event of a Responses stream, as far as the gateway cares: its type (the SSE event name),
/// the usage of a terminal event (in `response.usage`) and the error of an `error` event or of
/// `response.failed` (in `response.error`).
struct ResponsesEvent {
    std::string type;
    bool has_usage = false;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    std::optional<UpstreamErrorInfo> error;

    /// Throws simdjson::simdjson_error when the event is not a JSON object or is malformed.
    static ResponsesEvent inspect(simdjson::ondemand::parser& parser, simdjson::padded_string_view json);
};

}  // namespace portico::openai
