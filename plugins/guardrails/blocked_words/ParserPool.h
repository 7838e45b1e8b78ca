#pragma once

#include <simdjson.h>

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace portico::guardrails::blocked_words {

/// Parsers and padded input buffers shared by concurrent checks. check() runs on request
/// threads; a fresh simdjson parser per call would allocate its whole working set every time,
/// so each call borrows one that already has capacity and gives it back when done.
///
/// Belongs to one guardrail instance, so a reload frees it with the instance.
class ParserPool {
public:
    /// A parser and the buffer its input is copied into (simdjson reads past the end of the
    /// input, and the payload the host lends carries no such padding).
    struct Scratch {
        simdjson::dom::parser parser;
        std::vector<char> padded;
    };

    /// Exclusive use of one Scratch until the lease is destroyed.
    class Lease {
    public:
        Lease(ParserPool& pool, std::unique_ptr<Scratch> scratch) : pool_(pool), scratch_(std::move(scratch)) {}
        ~Lease() { pool_.release(std::move(scratch_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        /// Parses `json`, copying it into the padded buffer first.
        simdjson::error_code parse(std::string_view json, simdjson::dom::element& root);

    private:
        ParserPool& pool_;
        std::unique_ptr<Scratch> scratch_;
    };

    Lease acquire();

private:
    void release(std::unique_ptr<Scratch> scratch);

    /// Scratch that grew past this (one huge request) is freed rather than kept for good.
    static constexpr size_t kRetainBytes = 4 * 1024 * 1024;
    /// Bounds what an idle pool holds after a burst of concurrency.
    static constexpr size_t kMaxIdle = 64;

    std::mutex mutex_;
    std::vector<std::unique_ptr<Scratch>> idle_;
};

}  // namespace portico::guardrails::blocked_words
