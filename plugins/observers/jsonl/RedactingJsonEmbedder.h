#pragma once

#include "JsonText.h"

#include <string_view>

namespace portico::observers::jsonl {

/// Puts a body or stream chunk into an event line as structured JSON, so the log can be queried
/// with jq instead of holding JSON-in-a-string. Values under credential-bearing keys (see
/// sdk::isSecretJsonKey) are replaced on the way, at any depth.
///
/// Keeps its scratch buffer between calls: the observer thread embeds every body it sees.
class RedactingJsonEmbedder {
public:
    /// Writes `text` as one JSON value when it parses as exactly one (numbers keep their original
    /// spelling), and as a JSON string otherwise.
    void embed(JsonLineWriter& out, std::string_view text);

private:
    rapidjson::StringBuffer scratch_;
    JsonLineWriter scratch_writer_;
};

}  // namespace portico::observers::jsonl
