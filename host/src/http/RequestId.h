#pragma once
#include <string>
#include <string_view>

namespace portico::http {

/// A client-supplied x-request-id if it is short and printable, else a new unique id
/// ("req-" + 24 hex digits: a per-process random prefix and a per-thread counter; no lock).
std::string requestIdFor(std::string_view client_supplied);

}  // namespace portico::http
