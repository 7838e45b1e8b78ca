#pragma once
#include <cstddef>
#include <cstdint>

namespace portico::mock {

/// The mock's token count for a piece of text: ceil(utf8_bytes / 4), and at least 1. Four bytes
/// per token is the usual rule of thumb for English; what matters is that the same request always
/// costs the same, so spend, budget and rate-limit tests can predict it exactly.
constexpr uint64_t estimateTokens(std::size_t utf8_bytes) {
    const uint64_t tokens = (static_cast<uint64_t>(utf8_bytes) + 3) / 4;
    return tokens < 1 ? 1 : tokens;
}

}  // namespace portico::mock
