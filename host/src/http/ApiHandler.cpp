#include "http/ApiHandler.h"

#include "auth/MasterKeyAuth.h"
#include "core/Gateway.h"
#include "core/GatewayError.h"
#include "core/Log.h"
#include "http/ErrorResponder.h"
#include "http/RequestId.h"

namespace portico::http {
void ApiHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    Exchange exchange{request, response, requestIdFor(request.get("x-request-id", "")), std::chrono::steady_clock::now()};
    response.set("x-request-id", exchange.request_id);
    try {
        serve(exchange);
        return;
    } catch (const core::GatewayError& error) {
        if (error.status() >= 500)
            core::Log::warn("http", exchange.request_id + " " + std::to_string(error.status()) + ": " + error.what());
        if (!response.sent()) ErrorResponder::send(response, error, errorBody(error));
    } catch (const std::exception& error) {
        core::Log::error("http", exchange.request_id + " unexpected error: " + error.what());
        const core::GatewayError internal = core::GatewayError::internal("internal error");
        if (!response.sent()) ErrorResponder::send(response, internal, errorBody(internal));
    }
}

std::string ApiHandler::errorBody(const core::GatewayError& error) const { return ErrorResponder::body(error); }

void ApiHandler::requireMasterKey(const Exchange& exchange) const {
    auth::requireMasterKey(exchange.request, gateway_.masterKey());
}

void ApiHandler::sendJson(Exchange& exchange, const std::string& body) {
    exchange.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    exchange.response.setContentType("application/json");
    exchange.response.sendBuffer(body.data(), body.size());
}

}  // namespace portico::http
