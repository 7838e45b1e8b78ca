#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <string>

namespace portico::pipeline {

/// A client's request as its inbound codec decoded it: validated, but still in the client's own
/// format. The pipeline either hands `body` to a provider that takes it as it is (pass-through,
/// only "model" edited) or asks the codec for the canonical chat form (InboundCodec::toChat).
struct InboundRequest {
    std::string body;   ///< as received; capacity includes simdjson padding
    std::string model;  ///< the public model name (from the body, or from the URL for Gemini)
    bool stream = false;
    /// What `body` asks for, for a provider that declares this operation (PORTICO_OP_*).
    uint32_t operation = PORTICO_OP_CHAT;
    /// `body`'s format (PORTICO_FORMAT_*): CANONICAL for OpenAI bodies, else the provider must list
    /// it in native_formats to be handed `body`.
    uint32_t format = PORTICO_FORMAT_CANONICAL;
    /// Codec-specific facts the encoders need later, read once at decode time (for example the
    /// client's encoding_format, or whether it asked for usage in the stream).
    uint32_t codec_flags = 0;
};

}  // namespace portico::pipeline
