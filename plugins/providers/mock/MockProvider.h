#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <string_view>
#include <utility>

#include "MockSettings.h"

namespace portico::mock {

class CompletionJson;
struct MockRequest;

/// One mock deployment: answers chat calls locally, deterministically and without network.
/// Immutable after construction, so the host may call invoke() from many threads at once.
class MockProvider {
public:
    /// `host` is the per-instance host the plugin got in create(); valid until destroy().
    MockProvider(const portico_host* host, MockSettings settings) : host_(host), settings_(std::move(settings)) {}

    /// The body of the invoke slot. Fills usage_out first, so the host can account for a stream
    /// even when the client leaves early. Throws PluginError for malformed requests.
    portico_status invoke(const portico_call& call, std::string_view canonical_json, portico_writer* response_out,
                          portico_chunk_sink* chunks, portico_usage* usage_out) const;

private:
    portico_status writeCompletion(const CompletionJson& json, const portico_usage& usage,
                                   portico_writer& response_out) const;
    portico_status streamCompletion(const CompletionJson& json, const MockRequest& request, const portico_usage& usage,
                                    portico_chunk_sink& chunks) const;
    uint64_t nowUnixSeconds() const;

    const portico_host* host_;
    MockSettings settings_;
};

}  // namespace portico::mock
