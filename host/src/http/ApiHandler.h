#pragma once
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <string>

namespace portico::core {
class Gateway;
class GatewayError;
}

namespace portico::http {

/// What every handler knows about the request it serves.
struct Exchange {
    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::string request_id;
    std::chrono::steady_clock::time_point started;
};

/// Base of every endpoint handler: assigns x-request-id, counts the request as in flight, and
/// turns any GatewayError (or unexpected exception) into the client's error format — unless
/// the response was already sent (a stream in progress), in which case it only logs.
class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit ApiHandler(core::Gateway& gateway) : gateway_(gateway) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    virtual void serve(Exchange& exchange) = 0;
    /// An error's body in the protocol of the endpoint's clients (default OpenAI's).
    virtual std::string errorBody(const core::GatewayError& error) const;
    /// Throws 401 unless the request carries the master key as a Bearer token.
    void requireMasterKey(const Exchange& exchange) const;
    /// Sends a JSON body with status 200.
    static void sendJson(Exchange& exchange, const std::string& body);
    core::Gateway& gateway_;
};

}  // namespace portico::http
