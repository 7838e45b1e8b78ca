#include "http/ApiHandler.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>

#include "auth/MasterKeyAuth.h"
#include "core/Gateway.h"
#include "core/GatewayError.h"
#include "core/Log.h"
#include "http/BodyReader.h"
#include "http/ErrorResponder.h"
#include "http/RequestId.h"

namespace portico::http {
namespace {

/// Keeps Gateway::inFlight() exact even when a handler throws.
class InFlightGuard {
public:
    explicit InFlightGuard(std::atomic<int>& counter) : counter_(counter) { counter_.fetch_add(1, std::memory_order_relaxed); }
    ~InFlightGuard() { counter_.fetch_sub(1, std::memory_order_relaxed); }
    InFlightGuard(const InFlightGuard&) = delete;
    InFlightGuard& operator=(const InFlightGuard&) = delete;

private:
    std::atomic<int>& counter_;
};

}  // namespace

void ApiHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    InFlightGuard in_flight(gateway_.inFlight());
    Exchange exchange{request, response, requestIdFor(request.get("x-request-id", "")), std::chrono::steady_clock::now()};
    response.set("x-request-id", exchange.request_id);
    try {
        serve(exchange);
        discardBodyAfterReply(exchange);
        return;
    } catch (const core::GatewayError& error) {
        if (error.status() >= 500)
            core::Log::warn("http", exchange.request_id + " " + std::to_string(error.status()) + ": " + error.what());
        sendError(exchange, error);
    } catch (const std::exception& error) {
        core::Log::error("http", exchange.request_id + " unexpected error: " + error.what());
        sendError(exchange, core::GatewayError::internal("internal error"));
    }
}

void ApiHandler::discardBodyAfterReply(Exchange& exchange) {
    // Endpoints without a body (models, health, admin) may still be sent one; the reply is out, so
    // the only ways to keep the connection in step are to read past it or to end the connection.
    if (discardUnreadBody(exchange.request, gateway_.config().server.max_body_bytes)) return;
    try {
        // Only the receiving side: the reply may still sit in Poco's buffer, sent after we return.
        static_cast<Poco::Net::HTTPServerRequestImpl&>(exchange.request).socket().shutdownReceive();
    } catch (const std::exception&) {
        // The peer is gone already: Poco ends the connection on its next read.
    }
}

void ApiHandler::sendError(Exchange& exchange, const core::GatewayError& error) {
    if (exchange.response.sent()) return;
    ErrorResponder::reply(exchange.request, exchange.response, error, gateway_.config().server.max_body_bytes);
}

void ApiHandler::requireMasterKey(const Exchange& exchange) const {
    auth::requireMasterKey(exchange.request, gateway_.masterKey());
}

void ApiHandler::sendJson(Exchange& exchange, const std::string& body) {
    exchange.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    exchange.response.setContentType("application/json");
    exchange.response.sendBuffer(body.data(), body.size());
}

}  // namespace portico::http
