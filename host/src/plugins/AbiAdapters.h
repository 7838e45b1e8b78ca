#pragma once
#include <portico/plugin.h>

#include <array>
#include <string>
#include <string_view>

namespace portico::plugins {

inline portico_str toStr(std::string_view s) { return portico_str{s.data(), s.size()}; }
inline std::string_view toView(portico_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }

/// A portico_writer that appends into a std::string the host owns.
class StringWriter {
public:
    explicit StringWriter(std::string& target) : target_(target), writer_{this, &StringWriter::write} {}
    portico_writer* abi() { return &writer_; }

private:
    static portico_status write(void* ctx, portico_str bytes) {
        try {
            static_cast<StringWriter*>(ctx)->target_.append(toView(bytes));
            return PORTICO_OK;
        } catch (...) {
            return PORTICO_ERR_INTERNAL;
        }
    }
    std::string& target_;
    portico_writer writer_;
};

/// Host-owned storage for a portico_error. Lives on the caller's stack: no allocation.
class ErrorBuffer {
public:
    ErrorBuffer() {
        error_.struct_size = sizeof(portico_error);
        error_.message = storage_.data();
        error_.message_cap = storage_.size();
    }
    ErrorBuffer(const ErrorBuffer&) = delete;
    ErrorBuffer& operator=(const ErrorBuffer&) = delete;
    portico_error* abi() { return &error_; }
    std::string message() const {
        return std::string(storage_.data(), error_.message_len < storage_.size() ? error_.message_len : storage_.size());
    }
    int httpStatus() const { return error_.http_status; }
    int errorClass() const { return error_.error_class; }
    unsigned retryAfterMs() const { return error_.retry_after_ms; }

private:
    std::array<char, 1024> storage_{};
    portico_error error_{};
};

/// "kind name" for messages: "provider", "observer", "guardrail".
inline const char* kindName(int kind) {
    switch (kind) {
        case PORTICO_KIND_PROVIDER: return "provider";
        case PORTICO_KIND_OBSERVER: return "observer";
        case PORTICO_KIND_GUARDRAIL: return "guardrail";
        default: return "unknown";
    }
}

}  // namespace portico::plugins
