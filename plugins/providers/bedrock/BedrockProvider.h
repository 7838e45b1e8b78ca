#pragma once
#include <portico/plugin.h>

#include <chrono>
#include <functional>
#include <string_view>

#include "BedrockSettings.h"

namespace portico::bedrock {

/// One Bedrock deployment. Its settings are fixed at create, so concurrent calls need no lock.
class BedrockProvider {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    explicit BedrockProvider(BedrockSettings settings, Clock clock = std::chrono::system_clock::now)
        : settings_(std::move(settings)), clock_(std::move(clock)) {}

    /// Chat: POST /model/<id>/converse (or /converse-stream) with the translated body. Auth, in
    /// order: the call's api_key as a Bedrock API key (Authorization: Bearer), SigV4 (service
    /// bedrock) with the deployment's AWS keys, AWS_BEARER_TOKEN_BEDROCK; none of them is a 401
    /// PluginError. The Host header is set explicitly: it is signed, so it must be what is sent.
    portico_status buildRequest(const portico_call& call, std::string_view canonical_json, portico_upstream_request& out) const;
    /// 2xx: the chat.completion and its usage; otherwise throwUpstreamError.
    portico_status parseResponse(const portico_call& call, int32_t http_status, const portico_header* headers,
                                 size_t header_count, std::string_view body, portico_writer& out,
                                 portico_usage* usage_out) const;

private:
    BedrockSettings settings_;
    Clock clock_;
};

/// The chat.completion id for a call: Converse has none, so the request id the client sees.
std::string completionId(const portico_call& call);

}  // namespace portico::bedrock
