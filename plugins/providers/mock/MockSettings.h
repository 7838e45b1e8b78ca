#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace portico::mock {

/// How one mock deployment answers, read once from its litellm_params in create() and immutable
/// afterwards, so concurrent invoke() calls share it without locking.
struct MockSettings {
    /// The reply text (LiteLLM's own key, so existing configs keep working).
    std::string reply = "This is a mock response from Portico.";
    /// Delay before the first byte of the answer: simulates time-to-first-token.
    uint32_t latency_ms = 0;
    /// How many content chunks a streamed reply is split into (at least 1).
    uint32_t stream_chunks = 8;
    /// Delay before each content chunk of a stream: simulates generation speed.
    uint32_t chunk_delay_ms = 0;

    /// Reads mock_response, mock_latency_ms, mock_stream_chunks and mock_chunk_delay_ms from the
    /// deployment's config object; absent keys keep their defaults and unknown keys are ignored.
    /// Numbers may also arrive as digit strings (YAML scalars are untyped). Throws PluginError
    /// (PORTICO_ERR_INVALID) naming the key when a value has the wrong type or range.
    static MockSettings fromConfig(std::string_view config_json);
};

}  // namespace portico::mock
