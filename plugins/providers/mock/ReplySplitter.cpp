#include "ReplySplitter.h"

namespace portico::mock {
namespace {

bool startsCodePoint(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; }

}  // namespace

std::vector<std::string_view> splitReply(std::string_view text, std::size_t pieces) {
    if (pieces == 0) pieces = 1;
    std::vector<std::size_t> starts;  // byte offset of every code point, then the end
    starts.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (startsCodePoint(text[i]) || starts.empty()) starts.push_back(i);
    const std::size_t characters = starts.size();
    starts.push_back(text.size());

    // The first (characters % pieces) parts take one extra character, so any empty parts trail.
    const std::size_t base = characters / pieces;
    const std::size_t longer = characters % pieces;
    std::vector<std::string_view> parts;
    parts.reserve(pieces);
    std::size_t next = 0;  // index into starts
    for (std::size_t i = 0; i < pieces; ++i) {
        const std::size_t count = base + (i < longer ? 1 : 0);
        parts.push_back(text.substr(starts[next], starts[next + count] - starts[next]));
        next += count;
    }
    return parts;
}

}  // namespace portico::mock
