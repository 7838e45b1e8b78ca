#include "http/ApiHandler.h"

#include "auth/MasterKeyAuth.h"
#include "core/Gateway.h"
#include "core/GatewayError.h"
#include "core/Log.h"
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
        return;
    } catch (const core::GatewayError& error) {
        if (error.status() >= 500)
            core::Log::warn("http", exchange.request_id + " " + std::to_string(error.status()) + ": " + error.what());
        if (!response.sent()) ErrorResponder::send(response, error);
    } catch (const std::exception& error) {
        core::Log::error("http", exchange.request_id + " unexpected error: " + error.what());
        if (!response.sent()) ErrorResponder::send(response, core::GatewayError::internal("internal error"));
    }
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
