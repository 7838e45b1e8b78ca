// libFuzzer target: http::scanRequestHead on arbitrary bytes (the start of a connection's unread
// input). Beyond "never crash", it checks what the connection layer relies on:
//   - complete: head_bytes fits in the input and the limit, the head ends with its blank line
//     ("\n\r\n", or "\n\n": bare LF line ends are accepted, as Poco accepts them), and the
//     framing is unambiguous (chunked excludes a Content-Length);
//   - malformed carries a message; incomplete and complete carry none;
//   - trickled input: if a prefix scanned as incomplete, resuming the full scan from where that
//     prefix ended gives the same result as scanning from 0;
//   - a head complete within a prefix scans the same once more bytes follow it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "http/RequestHeadScanner.h"

using portico::http::HeadScan;
using portico::http::scanRequestHead;

namespace {

const char* stateName(HeadScan::State state) {
    switch (state) {
        case HeadScan::State::incomplete: return "incomplete";
        case HeadScan::State::complete: return "complete";
        case HeadScan::State::malformed: return "malformed";
        case HeadScan::State::too_large: return "too_large";
    }
    return "?";
}

[[noreturn]] void fail(const char* what, const HeadScan& scan, std::size_t size, std::size_t limit, std::size_t resume) {
    std::fprintf(stderr,
                 "fuzz_request_head: %s\n  input %zu bytes, max_head_bytes %zu, resume_from %zu\n"
                 "  state %s, head_bytes %zu, content_length %lld, chunked %d, expect_continue %d, error '%s'\n",
                 what, size, limit, resume, stateName(scan.state), scan.head_bytes,
                 static_cast<long long>(scan.content_length), scan.chunked ? 1 : 0, scan.expect_continue ? 1 : 0,
                 scan.error.c_str());
    std::abort();
}

bool same(const HeadScan& a, const HeadScan& b) {
    return a.state == b.state && a.head_bytes == b.head_bytes && a.content_length == b.content_length &&
           a.chunked == b.chunked && a.expect_continue == b.expect_continue && a.error == b.error;
}

void checkAlone(std::string_view input, std::size_t limit, std::size_t resume, const HeadScan& scan) {
    const auto failHere = [&](const char* what) { fail(what, scan, input.size(), limit, resume); };
    if (scan.state == HeadScan::State::complete) {
        if (scan.head_bytes > input.size()) failHere("complete: head_bytes past the input");
        if (scan.head_bytes > limit) failHere("complete: head_bytes over max_head_bytes");
        const std::string_view head = input.substr(0, std::min(scan.head_bytes, input.size()));
        if (!head.ends_with("\n\r\n") && !head.ends_with("\n\n")) failHere("complete: head does not end with a blank line");
        if (head.size() < 2 || head.find_first_not_of("\r\n") == std::string_view::npos)
            failHere("complete: no request line before the blank line");
        if (scan.content_length < -1) failHere("complete: negative content_length");
        if (scan.chunked && scan.content_length != -1) failHere("complete: chunked and a content_length");
    }
    if (scan.state == HeadScan::State::malformed && scan.error.empty()) failHere("malformed without an error message");
    if ((scan.state == HeadScan::State::incomplete || scan.state == HeadScan::State::complete) && !scan.error.empty())
        failHere("an error message without an error state");
}

/// The prefix lengths to cross-check: all of them for short inputs, a spread plus the bytes
/// around the head's end for long ones (every check costs a scan).
bool worthChecking(std::size_t prefix, std::size_t size, const HeadScan& whole) {
    if (size <= 256) return true;
    if (prefix % (size / 64 + 1) == 0) return true;
    return whole.head_bytes != 0 && prefix + 8 >= whole.head_bytes && prefix <= whole.head_bytes + 8;
}

void checkWithLimit(std::string_view input, std::size_t limit) {
    const HeadScan whole = scanRequestHead(input, limit, 0);
    checkAlone(input, limit, 0, whole);
    for (std::size_t prefix = 0; prefix <= input.size(); ++prefix) {
        if (!worthChecking(prefix, input.size(), whole)) continue;
        const HeadScan part = scanRequestHead(input.substr(0, prefix), limit, 0);
        checkAlone(input.substr(0, prefix), limit, 0, part);
        if (part.state == HeadScan::State::incomplete) {
            const HeadScan resumed = scanRequestHead(input, limit, prefix);
            checkAlone(input, limit, prefix, resumed);
            if (!same(resumed, whole)) fail("resumed scan differs from the scan from 0", resumed, input.size(), limit, prefix);
        } else if (part.state == HeadScan::State::complete && !same(part, whole)) {
            fail("a head complete in a prefix scans differently with more bytes", whole, input.size(), limit, prefix);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    checkWithLimit(input, 64 * 1024);  // over any input libFuzzer makes: the limit never applies
    // Limits inside the input exercise too_large; the one at the head's end is the edge case.
    checkWithLimit(input, size / 2);
    const HeadScan whole = scanRequestHead(input, 64 * 1024, 0);
    if (whole.state == HeadScan::State::complete) {
        checkWithLimit(input, whole.head_bytes);
        checkWithLimit(input, whole.head_bytes - 1);
    }
    return 0;
}
