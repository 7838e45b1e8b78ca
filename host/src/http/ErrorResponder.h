#pragma once
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

#include "core/GatewayError.h"

namespace portico::http {

/// The only place a GatewayError becomes an HTTP response: by default OpenAI's error shape
/// {"error":{"message","type","param","code"}} with the error's status. Sets the headers SDKs
/// read to decide on retries (retry-after on 429/503, x-should-retry false on other 4xx).
class ErrorResponder {
public:
    static std::string body(const core::GatewayError& error);
    static void send(Poco::Net::HTTPServerResponse& response, const core::GatewayError& error);
    /// The same status and headers with a body in another protocol (an Anthropic or Gemini client's).
    static void send(Poco::Net::HTTPServerResponse& response, const core::GatewayError& error, const std::string& body);
};

}  // namespace portico::http
