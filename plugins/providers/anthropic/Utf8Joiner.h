#pragma once
#include <string>
#include <string_view>

namespace portico::anthropic {

/// Re-joins UTF-8 characters an upstream cut between two deltas of one content block: each
/// push returns the text up to the last complete character and keeps the bytes of a character
/// still incomplete for the next push, so no chunk the client gets ends or starts mid-character.
class Utf8Joiner {
public:
    /// `bytes` after what an earlier push kept; the view lasts until the next call.
    std::string_view push(std::string_view bytes);
    /// At the block's end: a character the upstream never finished, as U+FFFD (empty if none).
    std::string_view flush();

private:
    std::string pending_;
    std::string out_;
};

}  // namespace portico::anthropic
