#pragma once
#include <portico/plugin.h>

#include <string_view>

namespace portico::gemini {

/// True when the call carries a Gemini-native body (ABI 1.1 body_format), to pass through.
bool isNative(const portico_call& call);

/// One Google AI Studio deployment. Stateless (the key and base come with each call), so
/// concurrent calls need no locking.
class GeminiProvider {
public:
    /// Chat: generateContent / streamGenerateContent?alt=sse with the translated body (or the
    /// native body unchanged). Embeddings: embedContent / batchEmbedContents. The key goes in the
    /// x-goog-api-key header, never in the URL.
    portico_status buildRequest(const portico_call& call, std::string_view canonical_json,
                                portico_upstream_request& out) const;
    /// 2xx: the translated answer (native: the body unchanged) and its usage. Otherwise a
    /// PluginError(PORTICO_ERR_UPSTREAM) per throwUpstreamError.
    portico_status parseResponse(const portico_call& call, int32_t http_status, const portico_header* headers,
                                 size_t header_count, std::string_view body, portico_writer& out,
                                 portico_usage* usage_out) const;
};

}  // namespace portico::gemini
