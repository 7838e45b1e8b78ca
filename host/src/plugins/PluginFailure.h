#pragma once
#include <portico/plugin.h>

#include <string>

#include "core/GatewayError.h"

namespace portico::plugins {

class ErrorBuffer;

/// The one place a plugin's status + message become a client-facing error: INVALID and
/// UNSUPPORTED are the client's fault (400), UPSTREAM keeps the upstream's status and message,
/// RETRY is 503, anything else is the plugin's fault (500, named).
core::GatewayError pluginFailure(const std::string& plugin, portico_status status, const ErrorBuffer& error);

/// OpenAI error `type` for an HTTP status (clients branch on the status; type is informational).
std::string errorTypeForStatus(int status);

}  // namespace portico::plugins
