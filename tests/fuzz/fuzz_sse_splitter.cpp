// libFuzzer target: http::SseEventSplitter. The input is an SSE stream in which every 0xFF byte
// marks a point where the fuzzer splits it (0xFF never occurs in UTF-8, so it is not part of any
// real stream; the markers are removed). Checks:
//   - the events are the same whether the stream is fed whole, in the fuzzer's pieces, or a byte
//     at a time (CRLF split between pieces included);
//   - they equal those of a plain reference reading of the WHATWG rules the header states
//     (\r\n, \r or \n line ends; blank line ends an event; data lines joined with \n; one space
//     after the colon dropped; comments and other fields ignored; finish() dispatches a last
//     event that lacks its blank line);
//   - a handler that says stop gets exactly the first N events, and no call after that.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/SseEventSplitter.h"

using portico::http::SseEventSplitter;

namespace {

using Events = std::vector<std::string>;

constexpr char kSplitMarker = '\xff';

Events reference(std::string_view stream) {
    Events events;
    std::string data;
    bool has_data = false;
    const auto line = [&](std::string_view text) {
        if (text.empty()) {
            if (has_data) events.push_back(data);
            data.clear();
            has_data = false;
            return;
        }
        if (text.front() == ':') return;
        const std::size_t colon = text.find(':');
        std::string_view value;
        if (colon != std::string_view::npos) {
            value = text.substr(colon + 1);
            if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        }
        if (text.substr(0, colon) != "data") return;
        if (has_data) data.push_back('\n');
        data.append(value);
        has_data = true;
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i < stream.size(); ++i) {
        if (stream[i] != '\r' && stream[i] != '\n') continue;
        line(stream.substr(start, i - start));
        if (stream[i] == '\r' && i + 1 < stream.size() && stream[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < stream.size()) line(stream.substr(start));
    line({});  // finish()
    return events;
}

/// Feeds `pieces` in order, then finish(). With `stop_after` events, the handler returns false
/// on that event; the splitter must then not call it again.
Events feed(const std::vector<std::string_view>& pieces, std::size_t stop_after = SIZE_MAX) {
    SseEventSplitter splitter;
    Events events;
    bool stopped = false;
    const SseEventSplitter::DataHandler handler = [&](std::string_view data) {
        if (stopped) {
            std::fprintf(stderr, "fuzz_sse_splitter: handler called after it said stop\n");
            std::abort();
        }
        events.emplace_back(data);
        stopped = events.size() >= stop_after;
        return !stopped;
    };
    for (const auto piece : pieces)
        if (!splitter.feed(piece, handler)) return events;
    splitter.finish(handler);
    return events;
}

void print(const char* name, const Events& events) {
    std::fprintf(stderr, "  %s: %zu events\n", name, events.size());
    for (const auto& event : events) std::fprintf(stderr, "    [%s]\n", event.c_str());
}

void expectSame(const char* what, const Events& expected, const Events& got) {
    if (expected == got) return;
    std::fprintf(stderr, "fuzz_sse_splitter: %s differ from the reference\n", what);
    print("reference", expected);
    print(what, got);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string stream;
    std::vector<std::size_t> cuts;  // piece boundaries in `stream`
    for (const char c : input) {
        if (c == kSplitMarker) cuts.push_back(stream.size());
        else stream.push_back(c);
    }
    const std::string_view whole(stream);
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (const std::size_t cut : cuts) {
        pieces.push_back(whole.substr(start, cut - start));  // empty pieces are fed too
        start = cut;
    }
    pieces.push_back(whole.substr(start));
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < whole.size(); ++i) bytes.push_back(whole.substr(i, 1));

    const Events expected = reference(whole);
    expectSame("events fed whole", expected, feed({whole}));
    expectSame("events fed in the fuzzer's pieces", expected, feed(pieces));
    expectSame("events fed a byte at a time", expected, feed(bytes));
    for (const auto& event : expected) {
        if (event.find('\r') != std::string::npos) {
            std::fprintf(stderr, "fuzz_sse_splitter: an event's data holds a CR\n");
            std::abort();
        }
    }
    if (!expected.empty()) {
        const std::size_t stop_after = 1 + size % expected.size();
        const Events first(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(stop_after));
        expectSame("events up to a stop", first, feed(pieces, stop_after));
    }
    return 0;
}
