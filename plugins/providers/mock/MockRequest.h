#pragma once
#include <cstddef>
#include <string_view>

namespace portico::mock {

/// The few facts the mock needs from a canonical chat request. Reading only these keeps the mock
/// independent of every other request field, which the host has already validated.
struct MockRequest {
    /// UTF-8 bytes of all message text: string contents plus the "text" of content parts.
    /// It drives the deterministic prompt token estimate.
    std::size_t prompt_text_bytes = 0;
    /// stream_options.include_usage: the client wants a final usage-only chunk.
    bool include_usage = false;

    /// Throws PluginError(PORTICO_ERR_INVALID, 400) unless the body is a JSON object with a
    /// "messages" array of objects.
    static MockRequest fromCanonical(std::string_view canonical_json);
};

}  // namespace portico::mock
