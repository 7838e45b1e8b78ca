#pragma once
#include <string>

#include "core/GatewayError.h"
#include "upstream/UpstreamPool.h"

namespace portico::pipeline {

/// An upstream that could not be reached or answered too slowly, as the client sees it:
/// a timeout is 504, everything else (refused, reset, TLS, a body over the cap) is 502.
core::GatewayError upstreamFailure(const std::string& provider, const upstream::UpstreamError& error);

}  // namespace portico::pipeline
