#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace portico::http {

/// What the connection layer learns from the bytes of a request received so far, before any
/// worker sees it: whether the head is complete, and how much body follows it. Poco parses the
/// head again on the worker; this scan only decides framing, and refuses the heads whose framing
/// is ambiguous (the request-smuggling cases of RFC 9112 §6.3), which Poco would accept.
struct HeadScan {
    enum class State {
        incomplete,  ///< no blank line yet, and under the size limit: keep reading
        complete,    ///< head ends at `head_bytes`; framing below
        malformed,   ///< answer 400 with `error`, then close
        too_large,   ///< head over the limit: answer 431, then close
    };
    State state = State::incomplete;
    /// Bytes up to and including the blank line; lines end in CRLF or a bare LF (as Poco accepts),
    /// so a complete head ends in "\n\r\n" or "\n\n". Empty lines before the request line count.
    std::size_t head_bytes = 0;
    std::int64_t content_length = -1; ///< -1: none declared
    bool chunked = false;             ///< Transfer-Encoding: chunked (then content_length is -1)
    bool expect_continue = false;     ///< Expect: 100-continue: the body comes only after an answer
    std::string error;                ///< for malformed: what was wrong, for the 400's message
};

/// Scans `received` (the start of a connection's unread bytes). Looks for the end of the head
/// from `resume_from` on (the caller passes how far a previous scan got, so a head trickled in a
/// byte at a time is not rescanned from the start each time). Heads over `max_head_bytes` are
/// too_large. Never reads past `received`, never allocates unless it reports an error.
HeadScan scanRequestHead(std::string_view received, std::size_t max_head_bytes, std::size_t resume_from = 0);

}  // namespace portico::http
