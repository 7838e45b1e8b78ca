#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace portico::observers::jsonl {

/// An append-only JSON Lines file in which a batch lands whole or not at all. The host answers
/// PORTICO_ERR_RETRY by redelivering the same batch, so a half-written batch left in place would
/// come back as duplicated lines and a torn, unparseable one.
///
/// Not thread-safe: the host serializes on_events and flush on the observer's own thread.
class JsonlFile {
public:
    /// Opens (creating if needed) the file in append mode.
    /// @return the file, or nullptr with `error` describing why it cannot be opened.
    static std::unique_ptr<JsonlFile> open(std::string path, std::string& error);

    ~JsonlFile();
    JsonlFile(const JsonlFile&) = delete;
    JsonlFile& operator=(const JsonlFile&) = delete;

    /// Starts a batch, reopening the file if a failed batch closed it, and remembers where the
    /// batch starts so rollbackBatch() can cut it off again.
    bool beginBatch(std::string& error);
    /// Appends bytes to the current batch (buffered; nothing is promised until commitBatch).
    bool append(std::string_view bytes, std::string& error);
    /// Hands the whole batch to the kernel, so readers see complete lines between batches.
    bool commitBatch(std::string& error);
    /// Drops whatever part of the current batch reached the file. Best effort: it reports in
    /// `error` when the file could not be cut back (for example, it is not a regular file).
    void rollbackBatch(std::string& error);

    /// Makes committed batches durable: fflush, then fsync when `sync_to_disk` is set.
    bool flush(bool sync_to_disk, std::string& error);

private:
    explicit JsonlFile(std::string path);
    bool reopen(std::string& error);
    std::string describeFailure(std::string_view what, int error_number) const;

    /// stdio buffer size: a batch of typical events becomes a handful of write(2) calls.
    static constexpr size_t kBufferBytes = 64 * 1024;

    std::string path_;
    std::unique_ptr<char[]> buffer_;
    std::FILE* file_ = nullptr;
    off_t batch_start_ = 0;
    bool batch_start_known_ = false;
};

}  // namespace portico::observers::jsonl
