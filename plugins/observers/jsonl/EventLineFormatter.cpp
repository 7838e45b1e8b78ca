#include "EventLineFormatter.h"

#include <portico/secrets.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

namespace portico::observers::jsonl {
namespace {

std::string_view view(portico_str s) { return s.len ? std::string_view(s.ptr, s.len) : ""; }

const char* typeName(uint32_t type) {
    switch (type) {
        case PORTICO_EVENT_REQUEST:
            return "request";
        case PORTICO_EVENT_PROVIDER_REQUEST:
            return "provider_request";
        case PORTICO_EVENT_PROVIDER_RESPONSE:
            return "provider_response";
        case PORTICO_EVENT_RESPONSE:
            return "response";
        default:
            return nullptr;
    }
}

bool isResponse(uint32_t type) { return type == PORTICO_EVENT_PROVIDER_RESPONSE || type == PORTICO_EVENT_RESPONSE; }

void key(JsonLineWriter& writer, std::string_view name) {
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

/// ISO-8601 UTC with milliseconds ("2023-11-14T22:13:20.123Z"): sorts as text, reads in jq.
void writeTimestamp(JsonLineWriter& writer, uint64_t unix_ns) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ns / 1000000000u);
    const unsigned millis = static_cast<unsigned>((unix_ns / 1000000u) % 1000u);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ", utc.tm_year + 1900,
                                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    writer.String(text, static_cast<rapidjson::SizeType>(length));
}

}  // namespace

std::string_view EventLineFormatter::format(const portico_event& event) {
    const char* type = typeName(event.type);
    if (!type) return {};
    line_.Clear();
    writer_.Reset(line_);
    writer_.StartObject();
    key(writer_, "type");
    writer_.String(type);
    key(writer_, "request_id");
    writeText(writer_, view(event.request_id));
    key(writer_, "ts");
    writeTimestamp(writer_, event.unix_ns);
    key(writer_, "model");
    writeText(writer_, view(event.model));
    if (event.provider.len) {
        key(writer_, "provider");
        writeText(writer_, view(event.provider));
    }
    if (event.method.len) {
        key(writer_, "method");
        writeText(writer_, view(event.method));
    }
    if (event.url.len) {
        key(writer_, "url");
        writeUrl(view(event.url));
    }
    if (event.http_status != 0) {
        key(writer_, "http_status");
        writer_.Int(event.http_status);
    }
    if (isResponse(event.type)) {
        key(writer_, "latency_ms");
        // Microsecond resolution is plenty for a log and keeps the number short.
        writer_.Double(std::round(static_cast<double>(event.latency_ns) / 1000.0) / 1000.0);
    }
    if (event.header_count > 0 && event.headers) writeHeaders(event);
    if (event.body.len) {
        key(writer_, "body");
        embedder_.embed(writer_, view(event.body));
    }
    if (event.chunk_count > 0 && event.chunks) {
        key(writer_, "chunk_sequence");
        writer_.StartArray();
        for (size_t i = 0; i < event.chunk_count; ++i) embedder_.embed(writer_, view(event.chunks[i]));
        writer_.EndArray();
    }
    if (event.usage) writeUsage(*event.usage);
    if (event.error_message.len) {
        key(writer_, "error");
        writeText(writer_, view(event.error_message));
    }
    writer_.EndObject();
    line_.Put('\n');
    return {line_.GetString(), line_.GetSize()};
}

void EventLineFormatter::writeHeaders(const portico_event& event) {
    // A JSON object should not repeat a key, so repeated headers are joined the way HTTP
    // folds them (", "), under the spelling of their first occurrence. Header lists are short.
    key(writer_, "headers");
    writer_.StartObject();
    std::string joined;
    for (size_t i = 0; i < event.header_count; ++i) {
        const std::string_view name = view(event.headers[i].name);
        bool seen_before = false;
        for (size_t j = 0; j < i && !seen_before; ++j) {
            seen_before = sdk::equalsIgnoringAsciiCase(view(event.headers[j].name), name);
        }
        if (seen_before) continue;
        writeText(writer_, name);
        if (sdk::isSecretHeader(name)) {
            writeText(writer_, sdk::kRedacted);
            continue;
        }
        joined.assign(view(event.headers[i].value));
        for (size_t j = i + 1; j < event.header_count; ++j) {
            if (!sdk::equalsIgnoringAsciiCase(view(event.headers[j].name), name)) continue;
            joined += ", ";
            joined += view(event.headers[j].value);
        }
        writeText(writer_, joined);
    }
    writer_.EndObject();
}

void EventLineFormatter::writeUrl(std::string_view url) {
    // Some provider APIs take the key as a query parameter (`?key=`); its value is cut out.
    writeText(writer_, sdk::redactUrlQuery(url));
}

void EventLineFormatter::writeUsage(const portico_usage& usage) {
    key(writer_, "usage");
    writer_.StartObject();
    if (PORTICO_HAS(portico_usage, &usage, prompt_tokens)) {
        key(writer_, "prompt_tokens");
        writer_.Uint64(usage.prompt_tokens);
    }
    if (PORTICO_HAS(portico_usage, &usage, completion_tokens)) {
        key(writer_, "completion_tokens");
        writer_.Uint64(usage.completion_tokens);
    }
    if (PORTICO_HAS(portico_usage, &usage, total_tokens)) {
        key(writer_, "total_tokens");
        writer_.Uint64(usage.total_tokens);
    }
    writer_.EndObject();
}

}  // namespace portico::observers::jsonl
