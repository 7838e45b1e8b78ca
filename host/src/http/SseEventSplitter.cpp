#include "http/SseEventSplitter.h"

namespace portico::http {

bool SseEventSplitter::feed(std::string_view bytes, const DataHandler& handler) {
    // Nothing arrived: a \r that ended the previous piece still pairs with a \n in the next one.
    if (bytes.empty()) return true;
    std::size_t start = 0;
    if (skip_lf_ && !bytes.empty() && bytes.front() == '\n') start = 1;
    skip_lf_ = false;
    for (std::size_t i = start; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != '\n' && c != '\r') continue;
        std::string_view piece = bytes.substr(start, i - start);
        bool keep_going;
        if (pending_.empty()) {
            keep_going = line(piece, handler);
        } else {
            pending_.append(piece);
            const std::string complete = std::move(pending_);
            pending_.clear();
            keep_going = line(complete, handler);
        }
        if (c == '\r') {
            if (i + 1 < bytes.size()) {
                if (bytes[i + 1] == '\n') ++i;
            } else {
                skip_lf_ = true;
            }
        }
        start = i + 1;
        if (!keep_going) return false;
    }
    pending_.append(bytes.substr(start));
    return true;
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
    const bool keep_going = handler(data_);
    data_.clear();
    return keep_going;
}

}  // namespace portico::http
