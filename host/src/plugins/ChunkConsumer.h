#pragma once
#include <portico/plugin.h>

#include <cstring>
#include <string_view>

namespace portico::plugins {

/// Receives a provider's canonical stream output on the host side.
class ChunkConsumer {
public:
    virtual ~ChunkConsumer() = default;
    /// One chat.completion.chunk JSON. Returns false when the client has gone (stop producing).
    virtual bool onChunk(std::string_view chunk_json) = 0;
    virtual void onUsage(const portico_usage& usage) = 0;
    /// One typed event of a native-format stream (ABI 1.1 emit_event). Only a client-facing
    /// consumer takes them; the others refuse, as a provider has no business sending one there.
    virtual bool onEvent(std::string_view /*name*/, std::string_view /*data_json*/) { return false; }
};

/// The portico_chunk_sink a plugin writes into, forwarding to a ChunkConsumer.
class ChunkSinkAdapter {
public:
    explicit ChunkSinkAdapter(ChunkConsumer& consumer) : consumer_(consumer) {
        sink_.struct_size = sizeof sink_;
        sink_.ctx = this;
        sink_.emit = &ChunkSinkAdapter::emit;
        sink_.usage = &ChunkSinkAdapter::usage;
        sink_.emit_event = &ChunkSinkAdapter::emitEvent;
    }
    portico_chunk_sink* abi() { return &sink_; }

private:
    static portico_status emit(void* ctx, portico_str chunk) {
        try {
            auto* self = static_cast<ChunkSinkAdapter*>(ctx);
            return self->consumer_.onChunk(std::string_view(chunk.ptr, chunk.len)) ? PORTICO_OK : PORTICO_ERR_CLOSED;
        } catch (...) {
            return PORTICO_ERR_INTERNAL;
        }
    }
    static portico_status emitEvent(void* ctx, portico_str name, portico_str data) {
        try {
            auto* self = static_cast<ChunkSinkAdapter*>(ctx);
            return self->consumer_.onEvent(std::string_view(name.ptr, name.len), std::string_view(data.ptr, data.len))
                       ? PORTICO_OK
                       : PORTICO_ERR_CLOSED;
        } catch (...) {
            return PORTICO_ERR_INTERNAL;
        }
    }
    static portico_status usage(void* ctx, const portico_usage* usage) {
        if (!usage) return PORTICO_ERR_INVALID;
        try {
            portico_usage copy{};
            copy.struct_size = sizeof copy;
            // An older plugin's smaller struct: copy only what it has.
            const size_t n = usage->struct_size < sizeof copy ? usage->struct_size : sizeof copy;
            std::memcpy(&copy, usage, n);
            copy.struct_size = sizeof copy;
            static_cast<ChunkSinkAdapter*>(ctx)->consumer_.onUsage(copy);
            return PORTICO_OK;
        } catch (...) {
            return PORTICO_ERR_INTERNAL;
        }
    }
    ChunkConsumer& consumer_;
    portico_chunk_sink sink_{};
};

}  // namespace portico::plugins
