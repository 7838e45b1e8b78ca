#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

namespace portico::observers::jsonl {

/// The writer every JSON line is produced with. It does not validate UTF-8 itself (that would
/// abort mid-line); writeText() guarantees it only ever sees valid UTF-8.
using JsonLineWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// True if `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValidUtf8(std::string_view bytes);

/// Writes arbitrary bytes as a JSON string. Event fields are bytes from clients and upstreams;
/// a JSON Lines file must stay valid UTF-8, so malformed sequences become U+FFFD.
void writeText(JsonLineWriter& writer, std::string_view bytes);

}  // namespace portico::observers::jsonl
