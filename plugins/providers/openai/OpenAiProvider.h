#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>

namespace portico::openai {

/// One deployment of an OpenAI-compatible upstream. The canonical request already is an OpenAI
/// chat body with the right "model", so requests and responses pass through byte for byte; the
/// provider only adds transport details and reads usage and errors. Immutable after construction,
/// so concurrent calls need no locking.
class OpenAiProvider {
public:
    /// Reads the optional `organization` key (sent as OpenAI-Organization) from the deployment's
    /// config object. Throws PluginError(PORTICO_ERR_INVALID) if it is present but not a string.
    explicit OpenAiProvider(std::string_view config_json);

    /// POST <api_base>/chat/completions with the canonical body unchanged.
    portico_status buildRequest(const portico_call& call, std::string_view canonical_json,
                                portico_upstream_request& out) const;
    /// 2xx: the body unchanged, plus its usage. Otherwise: PluginError(PORTICO_ERR_UPSTREAM) with the
    /// upstream's status and error message.
    portico_status parseResponse(int32_t http_status, std::string_view body, portico_writer& canonical_out,
                                 portico_usage* usage_out) const;

private:
    std::string organization_;
};

}  // namespace portico::openai
