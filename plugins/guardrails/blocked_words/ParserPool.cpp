#include "ParserPool.h"

#include <cstring>

namespace portico::guardrails::blocked_words {

ParserPool::Lease ParserPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            std::unique_ptr<Scratch> scratch = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(scratch));
        }
    }
    return Lease(*this, std::make_unique<Scratch>());
}

void ParserPool::release(std::unique_ptr<Scratch> scratch) {
    if (!scratch || scratch->padded.capacity() > kRetainBytes || scratch->parser.capacity() > kRetainBytes) {
        return;
    }
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(scratch));
}

simdjson::error_code ParserPool::Lease::parse(std::string_view json, simdjson::dom::element& root) {
    std::vector<char>& padded = scratch_->padded;
    if (padded.size() < json.size() + simdjson::SIMDJSON_PADDING) {
        padded.resize(json.size() + simdjson::SIMDJSON_PADDING);
    }
    if (!json.empty()) std::memcpy(padded.data(), json.data(), json.size());
    return scratch_->parser.parse(padded.data(), json.size(), false).get(root);
}

}  // namespace portico::guardrails::blocked_words
