#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portico::guardrails::blocked_words {

/// Decides whether a text contains any blocked term as a whole word.
///
/// A word boundary is the edge of the text or an ASCII character that is not a letter or digit;
/// bytes of multi-byte UTF-8 characters count as letters, so "naïve" is one word. A space inside
/// a term matches any run of ASCII whitespace, so doubling a space or using a newline does not
/// slip a phrase past. Case folding covers ASCII letters.
///
/// The terms are compiled into a prefix tree, and the text is walked once from each position
/// where a word starts: the cost grows with the text and the longest term, not with the number
/// of terms, so a list of hundreds of words sharing prefixes stays cheap on the request path.
/// matches() folds case while walking instead of copying the text, and allocates nothing.
///
/// Immutable after construction and so safe for concurrent use.
class BlockedTermMatcher {
public:
    /// @param terms already validated: each has at least one non-whitespace character.
    BlockedTermMatcher(const std::vector<std::string>& terms, bool case_sensitive);

    bool matches(std::string_view text) const;

    /// The form a term is compared in: trimmed, inner whitespace runs as one space, and ASCII
    /// lower case unless case_sensitive. Empty if the term is only whitespace.
    static std::string normalize(std::string_view term, bool case_sensitive);

private:
    /// One prefix-tree node; its outgoing edges are edges_[first_edge, end_edge), sorted by byte.
    struct Node {
        uint32_t first_edge = 0;
        uint32_t end_edge = 0;
        /// A whole term ends here.
        bool ends_term = false;
    };
    struct Edge {
        unsigned char byte;
        uint32_t target;
    };
    static constexpr uint32_t kNoNode = UINT32_MAX;

    bool matchesFrom(std::string_view text, size_t start) const;
    uint32_t child(uint32_t node, unsigned char byte) const;
    unsigned char fold(unsigned char byte) const;

    std::vector<Node> nodes_;  // nodes_[0] is the root
    std::vector<Edge> edges_;
    bool case_sensitive_;
};

}  // namespace portico::guardrails::blocked_words
