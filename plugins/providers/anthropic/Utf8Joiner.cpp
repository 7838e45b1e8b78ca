#include "Utf8Joiner.h"

#include <cstddef>

namespace portico::anthropic {
namespace {

/// The length a sequence starting with `lead` has; 1 for ASCII and for bytes that cannot start
/// one (those are passed on, not held: holding cannot repair them).
std::size_t sequenceLength(unsigned char lead) {
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC2) return 2;
    return 1;
}

/// Where an incomplete last character starts, or text.size() when the text ends complete.
std::size_t incompleteTail(std::string_view text) {
    const std::size_t lookback = text.size() < 4 ? text.size() : 4;
    for (std::size_t back = 1; back <= lookback; ++back) {
        const std::size_t at = text.size() - back;
        const auto byte = static_cast<unsigned char>(text[at]);
        if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: the lead is further back
        return sequenceLength(byte) > back ? at : text.size();
    }
    return text.size();
}

}  // namespace

std::string_view Utf8Joiner::push(std::string_view bytes) {
    out_.assign(pending_).append(bytes);
    const std::size_t tail = incompleteTail(out_);
    pending_.assign(out_, tail);
    out_.resize(tail);
    return out_;
}

std::string_view Utf8Joiner::flush() {
    out_.clear();
    if (!pending_.empty()) out_ = "\xEF\xBF\xBD";
    pending_.clear();
    return out_;
}

}  // namespace portico::anthropic
