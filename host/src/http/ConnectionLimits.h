#pragma once
#include <algorithm>
#include <chrono>
#include <cstddef>

#include "http/RequestHeadScanner.h"

namespace portico::http {

/// What the connection layer enforces before a request reaches a worker.
struct ConnectionLimits {
    std::chrono::seconds header_timeout{30};     ///< a head must be complete this long after its first byte
    std::chrono::seconds keep_alive_timeout{15}; ///< an idle connection is closed after this
    std::size_t max_head_bytes = 64 * 1024;      ///< larger heads are answered 431
    std::size_t prefetch_body_bytes = 1 << 20;   ///< bodies up to this are received before a worker is used
    std::size_t max_body_bytes = 4 << 20;        ///< a body declared larger goes to the worker at once (413)
    int max_connections = 20000;                 ///< beyond this, new connections are answered 503 and closed
};

/// How many of a connection's bytes must have arrived before a worker serves the request whose
/// complete head `scan` describes: the head and, when it is small enough to collect first, the
/// body. Chunked bodies, large ones (a 413 is answered before reading) and those the client sends
/// only after a 100 Continue are read by the worker itself. The poller and the worker that looks
/// for a pipelined request both decide by this.
inline std::size_t bytesBeforeServing(const HeadScan& scan, const ConnectionLimits& limits) {
    const std::size_t length = scan.content_length > 0 ? static_cast<std::size_t>(scan.content_length) : 0;
    const bool worker_reads_body = scan.chunked || scan.expect_continue ||
                                   length > std::min(limits.prefetch_body_bytes, limits.max_body_bytes);
    return scan.head_bytes + (worker_reads_body ? 0 : length);
}

}  // namespace portico::http
