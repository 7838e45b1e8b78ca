#include "BlockedTermMatcher.h"

#include <algorithm>
#include <map>

namespace portico::guardrails::blocked_words {
namespace {

bool isAsciiSpace(unsigned char byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' || byte == '\v';
}

bool isWordByte(unsigned char byte) {
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || byte >= 0x80;
}

unsigned char toLower(unsigned char byte) {
    return byte >= 'A' && byte <= 'Z' ? static_cast<unsigned char>(byte - 'A' + 'a') : byte;
}

}  // namespace

BlockedTermMatcher::BlockedTermMatcher(const std::vector<std::string>& terms, bool case_sensitive)
    : case_sensitive_(case_sensitive) {
    // Built with maps for simplicity, then flattened into two arrays for the lookups.
    std::vector<std::map<unsigned char, uint32_t>> children(1);
    std::vector<bool> ends_term(1, false);
    for (const std::string& term : terms) {
        const std::string normalized = normalize(term, case_sensitive);
        if (normalized.empty()) continue;
        uint32_t node = 0;
        for (const char c : normalized) {
            const auto byte = static_cast<unsigned char>(c);
            const auto found = children[node].find(byte);
            if (found != children[node].end()) {
                node = found->second;
                continue;
            }
            const auto created = static_cast<uint32_t>(children.size());
            children[node].emplace(byte, created);
            children.emplace_back();
            ends_term.push_back(false);
            node = created;
        }
        ends_term[node] = true;
    }
    nodes_.resize(children.size());
    for (size_t node = 0; node < children.size(); ++node) {
        nodes_[node].first_edge = static_cast<uint32_t>(edges_.size());
        for (const auto& [byte, target] : children[node]) edges_.push_back({byte, target});
        nodes_[node].end_edge = static_cast<uint32_t>(edges_.size());
        nodes_[node].ends_term = ends_term[node];
    }
}

std::string BlockedTermMatcher::normalize(std::string_view term, bool case_sensitive) {
    std::string normalized;
    normalized.reserve(term.size());
    bool pending_space = false;
    for (const char c : term) {
        const auto byte = static_cast<unsigned char>(c);
        if (isAsciiSpace(byte)) {
            pending_space = !normalized.empty();
            continue;
        }
        if (pending_space) normalized += ' ';
        pending_space = false;
        normalized += static_cast<char>(case_sensitive ? byte : toLower(byte));
    }
    return normalized;
}

bool BlockedTermMatcher::matches(std::string_view text) const {
    for (size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && isWordByte(static_cast<unsigned char>(text[i - 1]))) continue;
        if (matchesFrom(text, i)) return true;
    }
    return false;
}

bool BlockedTermMatcher::matchesFrom(std::string_view text, size_t start) const {
    uint32_t node = 0;
    size_t k = start;
    while (true) {
        if (nodes_[node].ends_term && (k == text.size() || !isWordByte(static_cast<unsigned char>(text[k])))) {
            return true;
        }
        if (k == text.size()) return false;
        const auto byte = static_cast<unsigned char>(text[k]);
        if (isAsciiSpace(byte)) {
            // Normalized terms hold single spaces, each standing for a whole whitespace run.
            node = child(node, ' ');
            while (k < text.size() && isAsciiSpace(static_cast<unsigned char>(text[k]))) ++k;
        } else {
            node = child(node, fold(byte));
            ++k;
        }
        if (node == kNoNode) return false;
    }
}

uint32_t BlockedTermMatcher::child(uint32_t node, unsigned char byte) const {
    const Edge* first = edges_.data() + nodes_[node].first_edge;
    const Edge* last = edges_.data() + nodes_[node].end_edge;
    const Edge* found =
        std::lower_bound(first, last, byte, [](const Edge& edge, unsigned char b) { return edge.byte < b; });
    return found != last && found->byte == byte ? found->target : kNoNode;
}

unsigned char BlockedTermMatcher::fold(unsigned char byte) const { return case_sensitive_ ? byte : toLower(byte); }

}  // namespace portico::guardrails::blocked_words
