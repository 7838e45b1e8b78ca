#pragma once

#include "EventLineFormatter.h"
#include "JsonlConfig.h"
#include "JsonlFile.h"

#include <portico/plugin.h>

#include <memory>
#include <string>

namespace portico::observers::jsonl {

/// One configured jsonl observer: formats each delivered event as a line and appends the batch
/// to its file. The host calls it only from the observer's own thread, one call at a time, so
/// nothing here locks and nothing here is ever on a request's critical path.
class JsonlObserver {
public:
    /// @return the observer, or nullptr with `error` set when the file cannot be opened.
    static std::unique_ptr<JsonlObserver> create(JsonlConfig config, std::string& error);

    /// Appends one line per event. The batch is all-or-nothing: on failure whatever reached the
    /// file is rolled back and PORTICO_ERR_RETRY asks the host to deliver the same batch later.
    portico_status onEvents(const portico_event* const* events, size_t count, std::string& error);

    /// Pushes everything written to the kernel, and to the disk if fsync_on_flush is set.
    portico_status flush(std::string& error);

private:
    JsonlObserver(JsonlConfig config, std::unique_ptr<JsonlFile> file);

    JsonlConfig config_;
    std::unique_ptr<JsonlFile> file_;
    EventLineFormatter formatter_;
};

}  // namespace portico::observers::jsonl
