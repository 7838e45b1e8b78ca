#include "http/SseEventSplitter.h"

#include <cstring>

namespace portico::http {

namespace {

/// Where the line starting at `from` ends: the first \r or \n (npos if none). memchr is
/// vectorised, unlike a byte loop; events are a few hundred bytes on one line, mostly \n-ended.
std::size_t lineEnd(std::string_view bytes, std::size_t from) {
    const char* begin = bytes.data() + from;
    const std::size_t length = bytes.size() - from;
    const void* lf = std::memchr(begin, '\n', length);
    const std::size_t lf_offset = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - begin) : length;
    const void* cr = std::memchr(begin, '\r', lf_offset);
    const std::size_t end = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - begin) : lf_offset;
    return end == length ? std::string_view::npos : from + end;
}

}  // namespace

bool SseEventSplitter::feed(std::string_view bytes, const DataHandler& handler) {
    // Nothing arrived: a \r that ended the previous piece still pairs with a \n in the next one.
    if (bytes.empty()) return true;
    std::size_t start = 0;
    if (skip_lf_ && bytes.front() == '\n') start = 1;
    skip_lf_ = false;
    feed_ = bytes;
    event_begin_ = event_open_ || !pending_.empty() ? std::string_view::npos : 0;
    for (std::size_t i; (i = lineEnd(bytes, start)) != std::string_view::npos;) {
        std::size_t next = i + 1;
        if (bytes[i] == '\r') {
            if (next < bytes.size()) {
                if (bytes[next] == '\n') ++next;
            } else {
                skip_lf_ = true;
            }
        }
        line_end_ = next;
        const std::string_view piece = bytes.substr(start, i - start);
        bool keep_going;
        if (pending_.empty()) {
            keep_going = line(piece, handler);
        } else {
            pending_.append(piece);
            const std::string complete = std::move(pending_);
            pending_.clear();
            keep_going = line(complete, handler);
        }
        start = next;
        if (!keep_going) return endFeed(false);
    }
    pending_.append(bytes.substr(start));
    return endFeed(true);
}

bool SseEventSplitter::endFeed(bool keep_going) {
    feed_ = {};
    event_begin_ = std::string_view::npos;
    return keep_going;
}

bool SseEventSplitter::finish(const DataHandler& handler) {
    if (!pending_.empty()) {
        const std::string last = std::move(pending_);
        pending_.clear();
        if (!line(last, handler)) return false;
    }
    return dispatch(handler);
}

bool SseEventSplitter::line(std::string_view text, const DataHandler& handler) {
    if (text.empty()) return dispatch(handler);
    event_open_ = true;
    if (text.front() == ':') return true;  // comment (keep-alive)
    const std::size_t colon = text.find(':');
    const std::string_view field = text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
        if (has_data_) data_.push_back('\n');
        data_.append(value);
        has_data_ = true;
    }
    return true;
}

bool SseEventSplitter::dispatch(const DataHandler& handler) {
    if (!has_data_) return true;
    has_data_ = false;
    event_open_ = false;
    // The event's own bytes, when all of them are in the piece being fed (not in finish()).
    const bool whole = event_begin_ != std::string_view::npos && !feed_.empty();
    event_bytes_ = whole ? feed_.substr(event_begin_, line_end_ - event_begin_) : std::string_view();
    const bool keep_going = handler(data_);
    event_bytes_ = {};
    if (!feed_.empty()) event_begin_ = line_end_;
    data_.clear();
    return keep_going;
}

}  // namespace portico::http
