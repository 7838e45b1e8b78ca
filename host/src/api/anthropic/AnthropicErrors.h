#pragma once
#include <string>

#include "core/GatewayError.h"

namespace portico::api::anthropic {

/// Anthropic's error body, `{"type":"error","error":{"type","message"}}`, with the error type
/// Anthropic uses for the status (the SDKs pick their exception class from it).
std::string errorBody(const core::GatewayError& error);

}  // namespace portico::api::anthropic
