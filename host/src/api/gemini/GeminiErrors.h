#pragma once
#include <string>

#include "core/GatewayError.h"

namespace portico::api::gemini {

/// Google's RPC error body, `{"error":{"code","message","status"}}`, with the status name Google
/// uses for the HTTP status (INVALID_ARGUMENT, NOT_FOUND, RESOURCE_EXHAUSTED, ...).
std::string errorBody(const core::GatewayError& error);

}  // namespace portico::api::gemini
