#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace portico::plugin_common {

/// A failure that already knows how it crosses the ABI: which portico_status to return, which
/// HTTP status to suggest and (ABI 1.1) its error class and Retry-After. Code deep inside a plugin
/// throws it; AbiBarrier turns it into a return value, so no branch has to thread status codes
/// back up by hand.
class PluginError : public std::runtime_error {
public:
    PluginError(portico_status status, int32_t http_status, const std::string& message,
                int32_t error_class = PORTICO_ERROR_CLASS_UNSPECIFIED, uint32_t retry_after_ms = 0)
        : std::runtime_error(message),
          status_(status),
          http_status_(http_status),
          error_class_(error_class),
          retry_after_ms_(retry_after_ms) {}

    portico_status status() const { return status_; }
    int32_t httpStatus() const { return http_status_; }
    int32_t errorClass() const { return error_class_; }
    uint32_t retryAfterMs() const { return retry_after_ms_; }

private:
    portico_status status_;
    int32_t http_status_;
    int32_t error_class_;
    uint32_t retry_after_ms_;
};

}  // namespace portico::plugin_common
