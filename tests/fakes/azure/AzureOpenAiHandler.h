#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <optional>
#include <string>
#include <string_view>

#include "FakeState.h"

namespace portico::fakes {

/// Azure OpenAI's classic deployment API: POST /openai/deployments/{deployment}/{chat/completions,
/// completions,embeddings}?api-version=V. Azure checks the credential and the version before
/// anything else: no `api-key` is a 401, no api-version a 400, both with Azure's error shape
/// ({"error":{"code","message"}}). Past those, the body is OpenAI's: chat goes to the openai fake's
/// handler (scenario models included, streams too); completions and embeddings answer with its
/// bodies, never streamed.
class AzureOpenAiHandler : public Poco::Net::HTTPRequestHandler {
public:
    /// The operation of a deployment path ("chat/completions", ...), nullopt for any other path.
    static std::optional<std::string> operationOf(std::string_view path);

    AzureOpenAiHandler(FakeState& state, std::string operation) : state_(state), operation_(std::move(operation)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    FakeState& state_;
    std::string operation_;
};

}  // namespace portico::fakes
