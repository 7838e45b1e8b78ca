#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <string_view>

#include "FakeState.h"

namespace portico::fakes::bedrock {

/// POST /model/{modelId}/converse and /converse-stream, answering like bedrock-runtime: the
/// Authorization checked first (SigV4Verifier: 403 with x-amzn-ErrorType as AWS's front layer
/// does), then the body (ConverseValidation: 400 ValidationException), then the scenario of the
/// model id (BedrockBehavior). Answers in Converse's shape; streams in the binary event-stream
/// framing with real CRCs, metadata (usage) after messageStop as Bedrock orders it.
class BedrockHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit BedrockHandler(FakeState& state) : state_(state) {}

    static bool claims(std::string_view method, std::string_view path);

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    FakeState& state_;
};

}  // namespace portico::fakes::bedrock
