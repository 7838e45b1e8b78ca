#pragma once
#include <Poco/JSON/Object.h>

#include <memory>
#include <string>

#include "support/ChildProcess.h"

namespace portico::itest {

/// The fake_upstream process (tests/fakes), started on a free port. It answers as every provider
/// does (OpenAI, Anthropic, Gemini, Azure, Bedrock paths do not overlap). Its /stats and
/// /last-request show the upstream side of what the gateway did.
class FakeUpstream {
public:
    FakeUpstream();

    int port() const { return port_; }
    /// "http://127.0.0.1:PORT/v1", the api_base a gateway config points at.
    std::string apiBase() const;
    /// "http://127.0.0.1:PORT", for providers whose api_base has no /v1 (Anthropic, Gemini, ...).
    std::string baseUrl() const;

    /// GET /stats: requests, open_connections, closed_connections, streams_completed, streams_aborted.
    Poco::JSON::Object::Ptr stats() const;
    long stat(const std::string& name) const;
    /// The raw /stats body, for assertion messages.
    std::string statsText() const;
    /// GET /last-request: {"method","uri","headers":{lower-case name: value},"body":"..."}.
    Poco::JSON::Object::Ptr lastRequest() const;

    ChildProcess& process() { return *process_; }

private:
    std::unique_ptr<ChildProcess> process_;
    int port_ = 0;
};

/// The port in a "listening on http://HOST:PORT" line; throws if the line is not one.
int portFromListeningLine(const std::string& line);

}  // namespace portico::itest
