#pragma once
#include <portico/plugin.h>

#include <string>
#include <utility>
#include <vector>

namespace portico::openai::testing {

/// A portico_upstream_request that records what a provider built.
struct RecordedRequest {
    std::string method;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The value of header `name`, or "<absent>".
    std::string header(const std::string& name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return v;
        return "<absent>";
    }

    portico_upstream_request builder() {
        portico_upstream_request out{};
        out.struct_size = sizeof out;
        out.ctx = this;
        out.set_method = [](void* ctx, portico_str s) { return self(ctx).method.assign(s.ptr, s.len), PORTICO_OK; };
        out.set_url = [](void* ctx, portico_str s) { return self(ctx).url.assign(s.ptr, s.len), PORTICO_OK; };
        out.add_header = [](void* ctx, portico_str n, portico_str v) {
            self(ctx).headers.emplace_back(std::string(n.ptr, n.len), std::string(v.ptr, v.len));
            return PORTICO_OK;
        };
        out.body = {this, [](void* ctx, portico_str s) { return self(ctx).body.append(s.ptr, s.len), PORTICO_OK; }};
        return out;
    }

private:
    static RecordedRequest& self(void* ctx) { return *static_cast<RecordedRequest*>(ctx); }
};

/// A portico_chunk_sink that records chunks, typed events and the last usage. `with_events`
/// false plays a 1.0 host, whose sink ends before emit_event.
struct RecordedStream {
    std::vector<std::string> chunks;
    std::vector<std::pair<std::string, std::string>> events;  ///< (event name, data)
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    int usage_calls = 0;

    portico_chunk_sink sink(bool with_events = true) {
        portico_chunk_sink s{};
        s.struct_size = with_events ? sizeof s : offsetof(portico_chunk_sink, emit_event);
        s.ctx = this;
        s.emit = [](void* ctx, portico_str c) { return self(ctx).chunks.emplace_back(c.ptr, c.len), PORTICO_OK; };
        s.usage = [](void* ctx, const portico_usage* u) {
            self(ctx).usage = *u;
            ++self(ctx).usage_calls;
            return PORTICO_OK;
        };
        s.emit_event = [](void* ctx, portico_str name, portico_str data) {
            self(ctx).events.emplace_back(std::string(name.ptr, name.len), std::string(data.ptr, data.len));
            return PORTICO_OK;
        };
        return s;
    }

private:
    static RecordedStream& self(void* ctx) { return *static_cast<RecordedStream*>(ctx); }
};

/// A portico_call for `operation` against `api_base` with key `api_key`.
inline portico_call callFor(uint32_t operation, const char* api_base, const char* api_key, uint32_t flags = 0) {
    portico_call call{};
    call.struct_size = sizeof call;
    call.model = PORTICO_STR("gpt-4o-mini");
    call.api_base = portico_str{api_base, std::char_traits<char>::length(api_base)};
    call.api_key = portico_str{api_key, std::char_traits<char>::length(api_key)};
    call.operation = operation;
    call.flags = flags;
    return call;
}

/// A portico_writer appending to a string.
inline portico_writer writerTo(std::string& out) {
    return portico_writer{&out, [](void* ctx, portico_str s) {
                              static_cast<std::string*>(ctx)->append(s.ptr, s.len);
                              return PORTICO_OK;
                          }};
}

}  // namespace portico::openai::testing
