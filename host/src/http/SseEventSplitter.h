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
    /// During the handler: the dispatched event exactly as it arrived (its lines, their line ends
    /// and the blank line that ended it, plus any comment or blank lines since the previous event),
    /// when every byte of it is in the piece being fed; empty otherwise. A relay forwards these
    /// bytes as they are instead of framing the data anew.
    std::string_view eventBytes() const { return event_bytes_; }

private:
    bool line(std::string_view text, const DataHandler& handler);
    bool dispatch(const DataHandler& handler);
    bool endFeed(bool keep_going);

    std::string pending_;  // an incomplete line
    std::string data_;
    bool has_data_ = false;
    bool skip_lf_ = false;  // previous chunk ended in \r: a leading \n belongs to it
    bool event_open_ = false;  // a non-blank line arrived since the last dispatch
    std::string_view feed_;    // the piece feed() is working through
    std::size_t event_begin_ = std::string_view::npos;  // in feed_: where the next event's bytes start
    std::size_t line_end_ = 0;                          // in feed_: just past the current line's end
    std::string_view event_bytes_;
};

}  // namespace portico::http
