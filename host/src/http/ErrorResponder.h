#pragma once
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstddef>

#include <string>

#include "core/GatewayError.h"

namespace portico::http {

/// The only place a GatewayError becomes an HTTP response: OpenAI's error shape
/// {"error":{"message","type","param","code"}} with the error's status. Sets the headers SDKs
/// read to decide on retries (retry-after on 429/503, x-should-retry false on other 4xx).
class ErrorResponder {
public:
    static std::string body(const core::GatewayError& error);
    static void send(Poco::Net::HTTPServerResponse& response, const core::GatewayError& error);
    /// send() for a request whose body may be unread: drains up to `drain_limit` bytes of it so
    /// the kept-alive connection stays usable, or marks the connection to close when it cannot.
    static void reply(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                      const core::GatewayError& error, std::size_t drain_limit);
};

}  // namespace portico::http
