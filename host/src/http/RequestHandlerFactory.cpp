#include "http/RequestHandlerFactory.h"

#include <Poco/Net/HTTPServerResponse.h>

#include "core/GatewayError.h"
#include "http/ErrorResponder.h"
#include "http/RequestId.h"

namespace portico::http {
namespace {

class NoRouteHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit NoRouteHandler(bool path_known) : path_known_(path_known) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        response.set("x-request-id", requestIdFor(request.get("x-request-id", "")));
        std::string path = request.getURI().substr(0, request.getURI().find('?'));
        if (path_known_)
            ErrorResponder::send(response, {405, "invalid_request_error", "method_not_allowed",
                                            "Method " + request.getMethod() + " is not allowed on " + path});
        else
            ErrorResponder::send(response, core::GatewayError::notFound("Unknown path " + path, "unknown_url"));
    }

private:
    bool path_known_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& request) {
    bool path_known = false;
    if (auto handler = routes_->match(request, path_known)) return handler.release();
    return std::make_unique<NoRouteHandler>(path_known).release();
}

}  // namespace portico::http
