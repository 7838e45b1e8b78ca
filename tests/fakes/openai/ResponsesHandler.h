#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include "FakeState.h"

namespace portico::fakes {

/// POST /v1/responses as OpenAI serves it: Bearer key required, `model` and `input` required,
/// a previous_response_id this fake never issued is a 400 as on OpenAI (it stores nothing), and
/// the answer is a `response` object or, with stream, its typed events ending in response.completed.
class ResponsesHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit ResponsesHandler(FakeState& state) : state_(state) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    FakeState& state_;
};

}  // namespace portico::fakes
