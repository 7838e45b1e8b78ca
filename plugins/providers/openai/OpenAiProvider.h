#pragma once
#include <portico/plugin.h>

#include <memory>
#include <string_view>

#include "UpstreamTarget.h"

namespace portico::openai {

/// One deployment of a service of the OpenAI wire format. The canonical request of every
/// operation already is the OpenAI body with the right "model", so requests and responses pass
/// through byte for byte; the provider adds the target's URL and credentials and reads usage and
/// errors. Immutable after construction, so concurrent calls need no locking.
class OpenAiProvider {
public:
    explicit OpenAiProvider(std::unique_ptr<const UpstreamTarget> target);

    /// POST <the target's URL of the call's operation> with the canonical body unchanged. Throws
    /// PluginError(PORTICO_ERR_UNSUPPORTED) for an operation the OpenAI API does not have.
    portico_status buildRequest(const portico_call& call, std::string_view canonical_json,
                                portico_upstream_request& out) const;
    /// 2xx: the body unchanged, plus its usage (either naming, see OpenAiPayload). Otherwise:
    /// plugin_common::upstreamError with the upstream's status, message, code and Retry-After.
    portico_status parseResponse(int32_t http_status, const portico_header* headers, size_t header_count,
                                 std::string_view body, portico_writer& canonical_out, portico_usage* usage_out) const;

private:
    std::unique_ptr<const UpstreamTarget> target_;
};

}  // namespace portico::openai
