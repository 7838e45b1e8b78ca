#include "FakeRouter.h"

#include <Poco/Net/HTTPServerRequest.h>

#include "InspectionHandler.h"
#include "anthropic/MessagesHandler.h"
#include "bedrock/BedrockHandler.h"
#include "gemini/GeminiHandler.h"
#include "azure/AzureOpenAiHandler.h"
#include "openai/ChatCompletionsHandler.h"
#include "openai/ResponsesHandler.h"

namespace portico::fakes {

Poco::Net::HTTPRequestHandler* FakeRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request) {
    const std::string& uri = request.getURI();
    // Query strings carry no routing information for any provider; match the path alone.
    const std::string_view path = std::string_view(uri).substr(0, uri.find('?'));
    const std::string& method = request.getMethod();
    // Each provider's fake claims its own paths (they do not overlap) or returns null.
    if (method == Poco::Net::HTTPRequest::HTTP_POST && path == "/v1/chat/completions") {
        return new ChatCompletionsHandler(state_);
    }
    if (method == Poco::Net::HTTPRequest::HTTP_POST && path == "/v1/responses") return new ResponsesHandler(state_);
    if (auto operation = AzureOpenAiHandler::operationOf(path); operation && method == Poco::Net::HTTPRequest::HTTP_POST) {
        return new AzureOpenAiHandler(state_, *std::move(operation));
    }
    if (gemini::GeminiHandler::claims(method, path)) return new gemini::GeminiHandler(state_);
    if (bedrock::BedrockHandler::claims(method, path)) return new bedrock::BedrockHandler(state_);
    if (auto endpoint = anthropic::MessagesHandler::endpointOf(path); endpoint && method == Poco::Net::HTTPRequest::HTTP_POST) {
        return new anthropic::MessagesHandler(state_, *endpoint);
    }
    return new InspectionHandler(state_);
}

}  // namespace portico::fakes
