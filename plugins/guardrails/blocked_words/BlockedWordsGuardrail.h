#pragma once

#include "BlockedTermMatcher.h"
#include "BlockedWordsConfig.h"
#include "ParserPool.h"
#include "RequestTextScanner.h"

#include <string_view>

namespace portico::guardrails::blocked_words {

/// One configured blocked_words guardrail. The host calls inspect() from many request threads
/// at once: the terms are fixed at construction, and the only shared mutable state is the
/// internally locked parser pool.
class BlockedWordsGuardrail {
public:
    explicit BlockedWordsGuardrail(const BlockedWordsConfig& config);

    /// Scans a canonical (OpenAI chat) request. Malformed when it is not one JSON object.
    Finding inspect(std::string_view request_json) const;

private:
    BlockedTermMatcher matcher_;
    mutable ParserPool parsers_;
};

}  // namespace portico::guardrails::blocked_words
