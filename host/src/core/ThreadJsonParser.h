#pragma once
#include <cstddef>

namespace portico::core {

/// This thread's reusable simdjson parser of type `Parser` (dom::parser, ondemand::parser),
/// lent for one document. Reuse is what keeps steady-state parsing allocation-free; but a parser
/// keeps the capacity of the largest document it ever saw, so a thread that once parsed one big
/// body would hold that memory for the rest of the process. When the lease ends, buffers grown
/// past kRetainedBytes are freed; the next big body pays one allocation, small ones none.
///
/// Documents parsed through a lease (and views into them) are valid until the lease ends. Leases
/// of one Parser type must not nest on a thread: the inner parse would overwrite the outer one.
template <typename Parser>
class ThreadJsonParser {
public:
    static constexpr std::size_t kRetainedBytes = std::size_t{1} << 20;

    ThreadJsonParser() : parser_(threadParser()) {}
    ~ThreadJsonParser() {
        if (parser_.capacity() > kRetainedBytes) parser_ = Parser{};
    }
    ThreadJsonParser(const ThreadJsonParser&) = delete;
    ThreadJsonParser& operator=(const ThreadJsonParser&) = delete;

    Parser& operator*() { return parser_; }
    Parser* operator->() { return &parser_; }

    /// What this thread's parser holds between documents (for tests).
    static std::size_t retainedCapacity() { return threadParser().capacity(); }

private:
    static Parser& threadParser() {
        thread_local Parser parser;
        return parser;
    }

    Parser& parser_;
};

}  // namespace portico::core
