#pragma once
#include <portico/plugin.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "GeminiProvider.h"

namespace portico::gemini::test {

/// Records what a provider put into the host's request builder.
struct RecordedRequest {
    std::string method, url, body;
    std::vector<std::pair<std::string, std::string>> headers;

    std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return v;
        return {};
    }
    portico_upstream_request builder() {
        portico_upstream_request out{};
        out.struct_size = sizeof out;
        out.ctx = this;
        out.set_method = [](void* ctx, portico_str s) { static_cast<RecordedRequest*>(ctx)->method.assign(s.ptr, s.len); return PORTICO_OK; };
        out.set_url = [](void* ctx, portico_str s) { static_cast<RecordedRequest*>(ctx)->url.assign(s.ptr, s.len); return PORTICO_OK; };
        out.add_header = [](void* ctx, portico_str n, portico_str v) {
            static_cast<RecordedRequest*>(ctx)->headers.emplace_back(std::string(n.ptr, n.len), std::string(v.ptr, v.len));
            return PORTICO_OK;
        };
        out.body = {this, [](void* ctx, portico_str s) { static_cast<RecordedRequest*>(ctx)->body.append(s.ptr, s.len); return PORTICO_OK; }};
        return out;
    }
};

/// Collects emitted chunks and the last usage.
struct RecordingSink {
    std::vector<std::string> chunks;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    int usage_calls = 0;

    portico_chunk_sink sink() {
        portico_chunk_sink out{};
        out.struct_size = sizeof out;
        out.ctx = this;
        out.emit = [](void* ctx, portico_str s) { static_cast<RecordingSink*>(ctx)->chunks.emplace_back(s.ptr, s.len); return PORTICO_OK; };
        out.usage = [](void* ctx, const portico_usage* u) {
            auto* self = static_cast<RecordingSink*>(ctx);
            self->usage = *u;
            ++self->usage_calls;
            return PORTICO_OK;
        };
        return out;
    }
};

inline portico_writer stringWriter(std::string& target) {
    return {&target, [](void* ctx, portico_str s) { static_cast<std::string*>(ctx)->append(s.ptr, s.len); return PORTICO_OK; }};
}

/// A call as the host makes it: model already split off ("gemini-2.5-flash").
inline portico_call makeCall(uint32_t operation = PORTICO_OP_CHAT, bool stream = false, uint32_t body_format = PORTICO_FORMAT_CANONICAL) {
    portico_call call{};
    call.struct_size = sizeof call;
    call.model = PORTICO_STR("gemini-2.5-flash");
    call.api_key = PORTICO_STR("AIza-test-key");
    call.operation = operation;
    call.flags = stream ? PORTICO_CALL_STREAM : 0;
    call.body_format = body_format;
    return call;
}

/// Parses JSON text for assertions; the parser must outlive the element.
inline simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
    return parser.parse(json);
}

inline std::string str(simdjson::dom::element e) { return std::string(std::string_view(e.get_string().value())); }

}  // namespace portico::gemini::test
