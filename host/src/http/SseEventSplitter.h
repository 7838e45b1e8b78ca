#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace portico::http {

/// Splits an SSE byte stream into events (WHATWG rules: \n, \r\n or \r line ends; events end at
/// a blank line; `data:` lines joined with \n; one space after the colon stripped; comments and
/// other fields ignored). Bytes may arrive split anywhere.
class SseEventSplitter {
public:
    /// Receives each event's data. Returns false to stop.
    using DataHandler = std::function<bool(std::string_view data)>;

    /// Returns false if the handler asked to stop.
    bool feed(std::string_view bytes, const DataHandler& handler);
    /// The stream ended: dispatch a final event that lacked its blank line.
    bool finish(const DataHandler& handler);
    /// Bytes held for the event in progress: an unfinished line plus the event's data so far.
    /// A caller that must bound memory checks it after each feed().
    std::size_t buffered() const { return pending_.size() + data_.size(); }

private:
    bool line(std::string_view text, const DataHandler& handler);
    bool dispatch(const DataHandler& handler);

    std::string pending_;  // an incomplete line
    std::string data_;
    bool has_data_ = false;
    bool skip_lf_ = false;  // previous chunk ended in \r: a leading \n belongs to it
};

}  // namespace portico::http
