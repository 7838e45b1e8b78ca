#include "proxy/UpstreamFailure.h"

namespace portico::proxy {

core::GatewayError upstreamFailure(const std::string& provider, const upstream::UpstreamError& error) {
    if (error.kind() == upstream::UpstreamErrorKind::Timeout)
        return {504, "timeout_error", "upstream_timeout", "Upstream (provider '" + provider + "') timed out: " + error.what()};
    return {502, "api_error", "upstream_unavailable", "Upstream (provider '" + provider + "') failed: " + error.what()};
}

}  // namespace portico::proxy
