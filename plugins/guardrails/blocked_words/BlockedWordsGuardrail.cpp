#include "BlockedWordsGuardrail.h"

namespace portico::guardrails::blocked_words {

BlockedWordsGuardrail::BlockedWordsGuardrail(const BlockedWordsConfig& config)
    : matcher_(config.words, config.case_sensitive) {}

Finding BlockedWordsGuardrail::inspect(std::string_view request_json) const {
    ParserPool::Lease lease = parsers_.acquire();
    simdjson::dom::element root;
    if (lease.parse(request_json, root) != simdjson::SUCCESS) return Finding::Malformed;
    return RequestTextScanner(matcher_).scan(root);
}

}  // namespace portico::guardrails::blocked_words
