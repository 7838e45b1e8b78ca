#pragma once

#include "JsonText.h"
#include "RedactingJsonEmbedder.h"

#include <portico/plugin.h>

#include <string_view>

namespace portico::observers::jsonl {

/// Turns one host event into one JSON Lines record:
///   {"type","request_id","ts","model","provider","method","url","http_status","latency_ms",
///    "headers","body","chunk_sequence","usage","error"}
/// Optional members are left out when the event does not carry them, so every key that is
/// present means something. Credentials are redacted in headers, URLs and embedded JSON.
///
/// Reuses its buffers across events; one formatter belongs to one observer thread.
class EventLineFormatter {
public:
    /// @return the record with its trailing '\n', valid until the next call; empty for an event
    ///         type this ABI version does not define (the event mask keeps those away anyway).
    std::string_view format(const portico_event& event);

private:
    void writeHeaders(const portico_event& event);
    void writeUrl(std::string_view url);
    void writeUsage(const portico_usage& usage);

    rapidjson::StringBuffer line_;
    JsonLineWriter writer_;
    RedactingJsonEmbedder embedder_;
};

}  // namespace portico::observers::jsonl
