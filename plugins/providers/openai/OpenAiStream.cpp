#include "OpenAiStream.h"

#include <string.h>  // memmem (glibc, POSIX 2024)

#include "OpenAiPayload.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::openai {
namespace {

using plugin_common::PluginError;
using plugin_common::toStr;

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

}  // namespace

simdjson::padded_string_view OpenAiStream::padded(std::string_view data) {
    if (buffer_.capacity() < data.size() + simdjson::SIMDJSON_PADDING) buffer_.reserve(data.size() + simdjson::SIMDJSON_PADDING);
    buffer_.assign(data);
    return simdjson::padded_string_view(buffer_.data(), buffer_.size(), buffer_.capacity());
}

portico_status OpenAiStream::feed(std::string_view data, portico_chunk_sink& sink) {
    const std::string_view payload = trimmed(data);
    if (payload == "[DONE]") done_ = true;
    if (payload.empty() || done_) return PORTICO_OK;

    // Most chunks carry neither usage nor an error: relay those without parsing them, as the
    // pass-through they are (parsing was the largest per-chunk cost of the relay).
    if (!hasNonNullKey(payload, "\"usage\"") && !hasNonNullKey(payload, "\"error\"")) return emit(payload, sink);

    OpenAiPayload facts;
    try {
        facts = OpenAiPayload::inspect(parser_, padded(payload));
    } catch (const simdjson::simdjson_error& e) {
        throw PluginError(PORTICO_ERR_UPSTREAM, 502, std::string("upstream sent a malformed stream event: ") + e.what());
    }
    if (facts.error_message) throw PluginError(PORTICO_ERR_UPSTREAM, 502, *facts.error_message);

    // Usage first: if the client leaves on this very chunk, the tokens were still spent upstream.
    if (facts.has_usage && PORTICO_HAS(portico_chunk_sink, &sink, usage) && sink.usage) {
        if (const portico_status status = sink.usage(sink.ctx, &facts.usage); status == PORTICO_ERR_CLOSED) return status;
    }
    return emit(payload, sink);
}

portico_status OpenAiStream::emit(std::string_view payload, portico_chunk_sink& sink) {
    const portico_status status = sink.emit(sink.ctx, toStr(payload));
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "openai: the host refused a stream chunk (status " + std::to_string(status) + ")");
    return status;
}

void OpenAiStream::end() const {
    if (!done_) throw PluginError(PORTICO_ERR_UPSTREAM, 502, "the upstream stream ended before [DONE]: the answer is incomplete");
}

}  // namespace portico::openai
