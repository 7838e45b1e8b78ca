#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace portico::plugin_common {

/// A failure that already knows how it crosses the ABI: which portico_status to return and
/// which HTTP status to suggest. Code deep inside a plugin throws it; AbiBarrier turns it into
/// a return value, so no branch has to thread status codes back up by hand.
class PluginError : public std::runtime_error {
public:
    PluginError(portico_status status, int32_t http_status, const std::string& message)
        : std::runtime_error(message), status_(status), http_status_(http_status) {}

    portico_status status() const { return status_; }
    int32_t httpStatus() const { return http_status_; }

private:
    portico_status status_;
    int32_t http_status_;
};

}  // namespace portico::plugin_common
