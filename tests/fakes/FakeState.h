#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace portico::fakes {

/// The last API request the fake received, kept so tests can check what the gateway actually
/// sent upstream (rewritten model, upstream key) instead of inferring it from the reply.
struct RecordedRequest {
    std::string method;
    std::string uri;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased, in order
    std::string body;
};

/// Counters and the last request, shared by every connection thread. Counters are relaxed
/// atomics (they are read only by /stats); the record is swapped in whole so the lock is held
/// for a pointer exchange, not a copy, on the benchmark's hot path.
class FakeState {
public:
    std::atomic<std::uint64_t> requests{0};           ///< API requests (not /stats, /last-request)
    std::atomic<std::int64_t> open_connections{0};
    std::atomic<std::uint64_t> closed_connections{0};
    std::atomic<std::uint64_t> streams_completed{0};  ///< every event incl. [DONE] was flushed
    std::atomic<std::uint64_t> streams_aborted{0};    ///< a flush failed: the reader went away

    void record(std::shared_ptr<const RecordedRequest> request);
    /// Null until the first API request.
    std::shared_ptr<const RecordedRequest> lastRequest() const;

    /// Unique per process, for chatcmpl ids.
    std::uint64_t nextId() { return next_id_.fetch_add(1, std::memory_order_relaxed); }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const RecordedRequest> last_;
    std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace portico::fakes
