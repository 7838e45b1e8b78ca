#include "JsonlFile.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace portico::observers::jsonl {
namespace {

// strerror() shares one buffer between threads; strerror_r comes in an XSI flavour (int) and a
// GNU flavour (char*), and overloading on its result accepts either.
[[maybe_unused]] const char* errorText(int result, const char* buffer) {
    return result == 0 ? buffer : "unknown error";
}
[[maybe_unused]] const char* errorText(const char* result, const char*) { return result; }

}  // namespace

std::unique_ptr<JsonlFile> JsonlFile::open(std::string path, std::string& error) {
    std::unique_ptr<JsonlFile> file(new JsonlFile(std::move(path)));
    if (!file->reopen(error)) return nullptr;
    return file;
}

JsonlFile::JsonlFile(std::string path) : path_(std::move(path)), buffer_(std::make_unique<char[]>(kBufferBytes)) {}

JsonlFile::~JsonlFile() {
    if (file_) std::fclose(file_);
}

bool JsonlFile::reopen(std::string& error) {
    file_ = std::fopen(path_.c_str(), "a");
    if (!file_) {
        error = describeFailure("cannot open", errno);
        return false;
    }
    // Must precede any I/O on the stream; a failure only means stdio keeps its own buffer.
    std::setvbuf(file_, buffer_.get(), _IOFBF, kBufferBytes);
    return true;
}

bool JsonlFile::beginBatch(std::string& error) {
    if (!file_ && !reopen(error)) return false;
    // The previous batch was committed (fflushed), so the size on disk is where this one starts.
    struct stat status {};
    batch_start_known_ = ::fstat(::fileno(file_), &status) == 0 && S_ISREG(status.st_mode);
    batch_start_ = batch_start_known_ ? status.st_size : 0;
    return true;
}

bool JsonlFile::append(std::string_view bytes, std::string& error) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
        error = describeFailure("cannot write", errno);
        return false;
    }
    return true;
}

bool JsonlFile::commitBatch(std::string& error) {
    if (std::fflush(file_) != 0) {
        error = describeFailure("cannot write", errno);
        return false;
    }
    return true;
}

void JsonlFile::rollbackBatch(std::string& error) {
    if (!file_) return;
    // stdio may still hold part of the batch and would write it at any later call, so the
    // stream is closed (its final flush lands before the cut) and reopened by the next batch.
    std::fclose(file_);
    file_ = nullptr;
    if (!batch_start_known_) return;
    // If another writer appended to the same file meanwhile, this cuts its lines too; two writers
    // on one JSON Lines file interleave badly anyway, so that setup is not supported.
    if (::truncate(path_.c_str(), batch_start_) != 0) {
        error += "; " + describeFailure("cannot roll back a partly written batch in", errno);
    }
}

bool JsonlFile::flush(bool sync_to_disk, std::string& error) {
    if (!file_) return true;  // a failed batch closed the file; nothing is pending in stdio
    if (std::fflush(file_) != 0) {
        error = describeFailure("cannot write", errno);
        return false;
    }
    if (sync_to_disk && ::fsync(::fileno(file_)) != 0 && errno != EINVAL && errno != EROFS) {
        // EINVAL/EROFS: the target (a pipe, /dev/stdout) cannot be synced, which is not a loss.
        error = describeFailure("cannot fsync", errno);
        return false;
    }
    return true;
}

std::string JsonlFile::describeFailure(std::string_view what, int error_number) const {
    std::string message = "jsonl: ";
    message += what;
    message += " '";
    message += path_;
    message += "': ";
    char buffer[256] = {};
    message += errorText(::strerror_r(error_number, buffer, sizeof buffer), buffer);
    return message;
}

}  // namespace portico::observers::jsonl
