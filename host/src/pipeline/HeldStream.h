#pragma once
#include <portico/plugin.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/RelayTarget.h"

namespace portico::pipeline {

/// Keeps a whole stream's chunks away from the client until the post-call guardrails have judged
/// the complete response: the C ABI has no per-chunk guardrail hook yet, and a guardrail that only
/// saw part of a response could not stop what was already sent. Bounded by `limit_bytes`; past it,
/// it stops the producer (as a gone client does) and reports overflowed().
class HeldStream : public RelayTarget {
public:
    explicit HeldStream(std::size_t limit_bytes) : limit_bytes_(limit_bytes) {}

    bool onChunk(std::string_view chunk_json) override;
    void onUsage(const portico_usage& usage) override;

    bool overflowed() const { return overflowed_; }
    std::size_t limitBytes() const { return limit_bytes_; }
    const std::vector<std::string>& chunks() const { return chunks_; }
    bool hasUsage() const { return has_usage_; }
    const portico_usage& usage() const { return usage_; }

private:
    std::size_t limit_bytes_;
    std::size_t held_bytes_ = 0;
    bool overflowed_ = false;
    bool has_usage_ = false;
    portico_usage usage_{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    std::vector<std::string> chunks_;
};

}  // namespace portico::pipeline
