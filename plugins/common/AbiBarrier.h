#pragma once
#include <portico/plugin.h>

#include <exception>
#include <new>
#include <string_view>
#include <utility>

#include "common/PluginError.h"

namespace portico::plugin_common {

/// Views a borrowed portico_str; a NULL pointer reads as empty so callers need no special case.
inline std::string_view view(portico_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }

/// Views a std::string_view as a portico_str for the duration of a call.
inline portico_str toStr(std::string_view s) { return portico_str{s.data(), s.size()}; }

/// Fills the host's error (truncating) and returns `status`, for one-line failure returns.
inline portico_status fail(portico_error* err, portico_status status, int32_t http_status, std::string_view message) {
    return portico_error_set(err, status, http_status, message.data(), message.size());
}

/// Runs one ABI entry point's body so that no C++ exception crosses into the host: a
/// PluginError keeps its status, anything else becomes PORTICO_ERR_INTERNAL with its message.
template <typename Body>
portico_status guarded(portico_error* err, Body&& body) noexcept {
    try {
        return std::forward<Body>(body)();
    } catch (const PluginError& e) {
        portico_error_classify(err, e.errorClass(), e.retryAfterMs());
        return fail(err, e.status(), e.httpStatus(), e.what());
    } catch (const std::bad_alloc&) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, e.what());
    } catch (...) {
        return fail(err, PORTICO_ERR_INTERNAL, 0, "unknown exception inside the plugin");
    }
}

}  // namespace portico::plugin_common
