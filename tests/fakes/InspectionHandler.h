#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include "FakeState.h"

namespace portico::fakes {

/// The fake's GET endpoints: the OpenAI model list, plus /stats and /last-request, which exist
/// only so tests can see the upstream side of a gateway exchange. Anything else is a 404 in
/// OpenAI's error shape. None of these count as API requests.
class InspectionHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit InspectionHandler(FakeState& state) : state_(state) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    /// {"requests","open_connections","closed_connections","streams_completed","streams_aborted"};
    /// open_connections leaves out the connection asking, so an idle fake reports 0.
    std::string stats() const;
    /// {"method","uri","headers":{lower-case name: value},"body":"<raw body as a string>"};
    /// {} before the first API request.
    std::string lastRequest() const;

    FakeState& state_;
};

}  // namespace portico::fakes
