#include "pipeline/UpstreamFailure.h"

namespace portico::pipeline {

core::GatewayError upstreamFailure(const std::string& provider, const upstream::UpstreamError& error) {
    if (error.kind() == upstream::UpstreamErrorKind::Timeout)
        return {504, "timeout_error", "upstream_timeout", "Upstream (provider '" + provider + "') timed out: " + error.what()};
    if (error.kind() == upstream::UpstreamErrorKind::TooLarge)
        return {502, "api_error", "upstream_response_too_large",
                "Upstream (provider '" + provider + "') sent more than this gateway accepts: " + error.what() +
                    " (server.max_upstream_body_bytes)"};
    return {502, "api_error", "upstream_unavailable", "Upstream (provider '" + provider + "') failed: " + error.what()};
}

}  // namespace portico::pipeline
