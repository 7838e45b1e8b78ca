#pragma once
#include <Poco/Net/Context.h>

namespace portico::upstream {

struct PoolOptions;

/// Builds the client TLS context every HTTPS upstream connection of one pool shares.
///
/// Verification is VERIFY_STRICT rather than RELAXED: in Poco 1.11 the host name check is skipped
/// for any host that resolves to loopback unless the mode is STRICT, and deciding "loopback" costs
/// a DNS lookup per handshake. STRICT checks every host name and skips that lookup.
/// options.verify_tls == false turns verification and the host name check off; that is meant
/// for tests against self-signed upstreams only, never for production.
/// Also initializes Poco's SSL library once per process and installs a certificate handler that
/// rejects invalid certificates, so a failed verification never prompts on stdin.
/// Throws UpstreamError(Tls) when ca_file cannot be loaded.
Poco::Net::Context::Ptr makeClientTlsContext(const PoolOptions& options);

}  // namespace portico::upstream
