#include "FakeRouter.h"

#include <Poco/Net/HTTPServerRequest.h>

#include "ChatCompletionsHandler.h"
#include "InspectionHandler.h"

namespace portico::fakes {

Poco::Net::HTTPRequestHandler* FakeRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request) {
    const std::string& uri = request.getURI();
    // Query strings are not used by the chat endpoint; match the path alone.
    const std::string_view path = std::string_view(uri).substr(0, uri.find('?'));
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST && path == "/v1/chat/completions") {
        return new ChatCompletionsHandler(state_);
    }
    return new InspectionHandler(state_);
}

}  // namespace portico::fakes
