#pragma once

namespace portico::upstream {

/// How far one upstream exchange got when it failed. The same Poco exception means different
/// things in different phases: a timeout while connecting is a Connect failure (the request never
/// left, another deployment may take it), a timeout while waiting for bytes is a Timeout.
enum class ExchangePhase {
    Connect,  ///< resolving, TCP connect, TLS handshake
    Send,     ///< writing the request line, headers and body
    Receive,  ///< waiting for the status line and headers
    Body,     ///< reading the response body
};

}  // namespace portico::upstream
