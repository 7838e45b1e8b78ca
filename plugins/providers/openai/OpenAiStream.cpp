#include "OpenAiStream.h"

#include <string.h>  // memmem (glibc, POSIX 2024)

#include "OpenAiPayload.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"
#include "common/UpstreamError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;
using plugin_common::upstreamError;

/// Errors inside a 200 stream have no status of their own: they are the upstream's failure (502).
constexpr int32_t kStreamErrorStatus = 502;

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

/// True if `json` has a key `name` whose value is not null. Quotes inside JSON strings are
/// escaped, so `"name"` followed by a colon only occurs as a key (at any depth: a false positive
/// costs a parse, nothing else). Keys spelled with \u escapes are not recognised.
bool hasNonNullKey(std::string_view json, std::string_view quoted_name) {
    for (std::size_t from = 0;;) {
        // memmem is vectorised; string_view::find compares byte by byte and cost more than the parse.
        const void* hit = memmem(json.data() + from, json.size() - from, quoted_name.data(), quoted_name.size());
        if (!hit) return false;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - json.data());
        from = at + 1;
        std::size_t i = at + quoted_name.size();
        while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\r' || json[i] == '\n')) ++i;
        if (i == json.size() || json[i] != ':') continue;
        ++i;
        while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\r' || json[i] == '\n')) ++i;
        if (i < json.size() && json[i] != 'n') return true;
    }
}

/// A sink refusal other than "the client has gone" is the host's problem.
portico_status checked(portico_status status) {
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "openai: the host refused a stream event (status " + std::to_string(status) + ")");
    return status;
}

/// Usage first, before the event that carries it: if the client leaves on this very event, the
/// tokens were still spent upstream.
portico_status reportUsage(const portico_usage& usage, portico_chunk_sink& sink) {
    if (PORTICO_HAS(portico_chunk_sink, &sink, usage) && sink.usage) return checked(sink.usage(sink.ctx, &usage));
    return PORTICO_OK;
}

[[noreturn]] void throwStreamError(const UpstreamErrorInfo& error) {
    throw upstreamError(kStreamErrorStatus, error.message, error.code, nullptr, 0);
}

[[noreturn]] void throwMalformed(const simdjson::simdjson_error& e) {
    throw upstreamError(kStreamErrorStatus, std::string("upstream sent a malformed stream event: ") + e.what(), {},
                        nullptr, 0);
}

}  // namespace

simdjson::padded_string_view OpenAiStream::padded(std::string_view data) {
    if (buffer_.capacity() < data.size() + simdjson::SIMDJSON_PADDING) buffer_.reserve(data.size() + simdjson::SIMDJSON_PADDING);
    buffer_.assign(data);
    return simdjson::padded_string_view(buffer_.data(), buffer_.size(), buffer_.capacity());
}

portico_status OpenAiStream::feed(std::string_view data, portico_chunk_sink& sink) {
    const std::string_view payload = trimmed(data);
    // Responses streams are not documented to send [DONE], but the SDKs stop on one: tolerate it.
    if (payload == "[DONE]") {
        if (operation_.stream_end == StreamEnd::DoneSentinel) done_ = true;
        return PORTICO_OK;
    }
    if (payload.empty() || done_) return PORTICO_OK;
    return operation_.stream_end == StreamEnd::TerminalResponse ? feedResponsesEvent(payload, sink)
                                                                : feedChunk(payload, sink);
}

portico_status OpenAiStream::feedChunk(std::string_view payload, portico_chunk_sink& sink) {
    // Most chunks carry neither usage nor an error: relay those without parsing them, as the
    // pass-through they are (parsing was the largest per-chunk cost of the relay).
    if (hasNonNullKey(payload, "\"usage\"") || hasNonNullKey(payload, "\"error\"")) {
        OpenAiPayload facts;
        try {
            facts = OpenAiPayload::inspect(parser_, padded(payload));
        } catch (const simdjson::simdjson_error& e) {
            throwMalformed(e);
        }
        if (facts.error) throwStreamError(*facts.error);
        if (facts.has_usage && reportUsage(facts.usage, sink) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    }
    return checked(sink.emit(sink.ctx, toStr(payload)));
}

portico_status OpenAiStream::feedResponsesEvent(std::string_view payload, portico_chunk_sink& sink) {
    // Every event is read: its type is the SSE event name the client's SDK dispatches on.
    ResponsesEvent event;
    try {
        event = ResponsesEvent::inspect(parser_, padded(payload));
    } catch (const simdjson::simdjson_error& e) {
        throwMalformed(e);
    }
    if (event.type == "error") throwStreamError(*event.error);
    if (event.type == "response.failed")
        throwStreamError(event.error.value_or(UpstreamErrorInfo{"the upstream response failed", ""}));
    if (event.type == "response.completed" || event.type == "response.incomplete") done_ = true;
    if (event.has_usage && reportUsage(event.usage, sink) == PORTICO_ERR_CLOSED) return PORTICO_ERR_CLOSED;
    if (PORTICO_HAS(portico_chunk_sink, &sink, emit_event) && sink.emit_event && !event.type.empty())
        return checked(sink.emit_event(sink.ctx, toStr(event.type), toStr(payload)));
    return checked(sink.emit(sink.ctx, toStr(payload)));
}

void OpenAiStream::end() const {
    if (done_) return;
    const std::string_view marker =
        operation_.stream_end == StreamEnd::DoneSentinel ? "[DONE]" : "a terminal response event";
    throw upstreamError(kStreamErrorStatus,
                        "the upstream stream ended before " + std::string(marker) + ": the answer is incomplete", {},
                        nullptr, 0);
}

}  // namespace portico::openai
