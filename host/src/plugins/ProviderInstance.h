#pragma once
#include <portico/plugin.h>

#include <memory>
#include <string>
#include <string_view>

#include "plugins/ChunkConsumer.h"
#include "plugins/HostContext.h"
#include "plugins/PluginLibrary.h"
#include "upstream/UpstreamPool.h"

namespace portico::plugins {

class ProviderStream;

/// One provider instance (one per deployment) and the only caller of provider vtable slots.
/// Failures come out as core::GatewayError, ready for the client.
class ProviderInstance {
public:
    /// Calls create(); throws std::runtime_error with the plugin's message if it refuses.
    ProviderInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json, upstream::UpstreamPool* pool);
    ~ProviderInstance();
    ProviderInstance(const ProviderInstance&) = delete;
    ProviderInstance& operator=(const ProviderInstance&) = delete;

    const std::string& name() const { return library_->name(); }
    const PluginLibrary& library() const { return *library_; }
    /// What create() was given; with library(), what a reload pairs instances by.
    const std::string& configJson() const { return context_->configJson(); }
    bool isLocal() const { return vtable().invoke != nullptr; }
    bool supportsStreaming() const { return isLocal() || vtable().stream_open != nullptr; }
    /// Whether the provider takes `operation` with a body in `format` (PORTICO_FORMAT_*) as it is.
    bool accepts(uint32_t operation, uint32_t format) const {
        if ((vtable().operations & operation) == 0) return false;
        return format == PORTICO_FORMAT_CANONICAL || (vtable().native_formats & PORTICO_FORMAT_MASK(format)) != 0;
    }
    bool wantsSseEvents() const { return (vtable().flags & PORTICO_PROVIDER_SSE_EVENTS) != 0; }

    upstream::UpstreamRequest buildRequest(const portico_call& call, std::string_view canonical) const;
    /// Canonical chat.completion JSON for a complete upstream response; throws for upstream errors.
    std::string parseResponse(const portico_call& call, const upstream::UpstreamResponse& response,
                              portico_usage& usage) const;
    std::unique_ptr<ProviderStream> openStream(const portico_call& call) const;
    /// Local providers: non-stream fills `response`; stream sends chunks to `consumer`.
    void invoke(const portico_call& call, std::string_view canonical, std::string* response, ChunkConsumer* consumer,
                portico_usage& usage) const;

private:
    const portico_provider_vtable& vtable() const { return library_->provider(); }
    std::shared_ptr<const PluginLibrary> library_;
    std::unique_ptr<HostContext> context_;
    void* instance_ = nullptr;
};

/// One streaming upstream response being translated; stream_close runs in the destructor,
/// exactly once, whatever happened.
class ProviderStream {
public:
    ProviderStream(const ProviderInstance& owner, const portico_provider_vtable& vtable, void* stream)
        : owner_(owner), vtable_(vtable), stream_(stream) {}
    ~ProviderStream();
    ProviderStream(const ProviderStream&) = delete;
    ProviderStream& operator=(const ProviderStream&) = delete;

    /// Returns false if the consumer reported the client gone.
    bool feed(std::string_view data, ChunkConsumer& consumer);
    bool end(ChunkConsumer& consumer);

private:
    bool check(portico_status status, const class ErrorBuffer& error);
    const ProviderInstance& owner_;
    const portico_provider_vtable& vtable_;
    void* stream_;
};

}  // namespace portico::plugins
