#pragma once
#include <Poco/JSON/Object.h>

#include <memory>
#include <string>

#include "support/ChildProcess.h"

namespace portico::itest {

/// The fake_openai upstream (tests/fakes), started on a free port. Its /stats and /last-request
/// show the upstream side of what the gateway did.
class FakeOpenAi {
public:
    FakeOpenAi();

    int port() const { return port_; }
    /// "http://127.0.0.1:PORT/v1", the api_base a gateway config points at.
    std::string apiBase() const;

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
