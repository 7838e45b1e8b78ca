#include "http/RequestHeadScanner.h"

#include <algorithm>

namespace portico::http {
namespace {

using State = HeadScan::State;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);  // exact for the ASCII letters the names below use
           });
}

std::string_view trimmed(std::string_view text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

HeadScan malformed(std::string message) {
    HeadScan scan;
    scan.state = State::malformed;
    scan.error = std::move(message);
    return scan;
}

/// Where the head ends (just past its blank line), or npos. Lines may end in CRLF or a bare LF,
/// as Poco's parser accepts both.
std::size_t headEnd(std::string_view received, std::size_t from) {
    for (std::size_t i = received.find('\n', from); i != std::string_view::npos; i = received.find('\n', i + 1)) {
        if (i + 1 < received.size() && received[i + 1] == '\n') return i + 2;
        if (i + 2 < received.size() && received[i + 1] == '\r' && received[i + 2] == '\n') return i + 3;
    }
    return std::string_view::npos;
}

/// A Content-Length value: digits only, and small enough that no integer overflows on it.
bool parseLength(std::string_view text, std::int64_t& length) {
    if (text.empty() || text.size() > 18) return false;  // 18 digits always fit in int64
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    length = value;
    return true;
}

/// Reads the framing headers of a complete head. Refuses what RFC 9112 says a server must not
/// guess at: obsolete line folding, a space before the colon, Content-Length that is not one
/// decimal number, both Content-Length and Transfer-Encoding, a coding other than chunked.
HeadScan readFraming(std::string_view head) {
    HeadScan scan;
    bool has_length = false;
    bool has_coding = false;
    std::size_t line_start = head.find('\n') + 1;  // past the request line
    while (line_start < head.size()) {
        std::size_t line_end = head.find('\n', line_start);
        std::string_view line = head.substr(line_start, line_end - line_start);
        line_start = line_end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;  // the blank line that ends the head
        if (line.front() == ' ' || line.front() == '\t') return malformed("Obsolete header line folding is not accepted");
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return malformed("A header line has no field name and colon");
        const std::string_view name = line.substr(0, colon);
        if (name.back() == ' ' || name.back() == '\t') return malformed("Whitespace before a header's colon is not accepted");
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (equalsIgnoreCase(name, "content-length")) {
            std::int64_t length = 0;
            if (!parseLength(value, length)) return malformed("Content-Length is not a valid length");
            if (has_length && length != scan.content_length) return malformed("Conflicting Content-Length headers");
            has_length = true;
            scan.content_length = length;
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            if (has_coding || !equalsIgnoreCase(value, "chunked"))
                return malformed("Only Transfer-Encoding: chunked is supported");
            has_coding = true;
        } else if (equalsIgnoreCase(name, "expect")) {
            scan.expect_continue = equalsIgnoreCase(value, "100-continue");
        }
    }
    if (has_length && has_coding) return malformed("Content-Length and Transfer-Encoding together are ambiguous");
    scan.chunked = has_coding;
    return scan;
}

}  // namespace

HeadScan scanRequestHead(std::string_view received, std::size_t max_head_bytes, std::size_t resume_from) {
    // Empty lines before a request line are ignored (RFC 9112 §2.2), as Poco does.
    std::size_t start = 0;
    while (start < received.size() && (received[start] == '\r' || received[start] == '\n')) ++start;
    const std::size_t from = std::max(start, resume_from >= 3 ? resume_from - 3 : 0);  // a terminator may straddle
    const std::size_t end = start < received.size() ? headEnd(received, from) : std::string_view::npos;
    HeadScan scan;
    if (end == std::string_view::npos || end > max_head_bytes) {
        scan.state = std::min(received.size(), end) > max_head_bytes ? State::too_large : State::incomplete;
        return scan;
    }
    scan = readFraming(received.substr(start, end - start));
    if (scan.state == State::malformed) return scan;
    scan.state = State::complete;
    scan.head_bytes = end;
    return scan;
}

}  // namespace portico::http
