#include "http/ErrorResponder.h"

#include "core/Json.h"

namespace portico::http {

std::string ErrorResponder::body(const core::GatewayError& error) {
    std::string out = "{\"error\":{\"message\":";
    core::appendJsonString(out, error.what());
    out.append(",\"type\":");
    core::appendJsonString(out, error.type());
    out.append(",\"param\":");
    if (error.param().empty()) out.append("null");
    else core::appendJsonString(out, error.param());
    out.append(",\"code\":");
    if (error.code().empty()) out.append("null");
    else core::appendJsonString(out, error.code());
    out.append("}}");
    return out;
}

void ErrorResponder::send(Poco::Net::HTTPServerResponse& response, const core::GatewayError& error) {
    send(response, error, body(error));
}

void ErrorResponder::send(Poco::Net::HTTPServerResponse& response, const core::GatewayError& error,
                          const std::string& text) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(error.status()));
    // Statuses Poco has no phrase for (an upstream's 529, say) would go out as "???".
    if (response.getReason() == Poco::Net::HTTPResponse::HTTP_REASON_UNKNOWN)
        response.setReason(error.status() >= 500 ? "Server Error" : "Client Error");
    response.setContentType("application/json");
    // After a 413 the body is still unread and over the limit; after a 408 its end was never seen:
    // either way the connection cannot carry another request.
    if (error.status() == 413 || error.status() == 408) response.setKeepAlive(false);
    if (error.retryAfterSeconds() > 0) response.set("retry-after", std::to_string(error.retryAfterSeconds()));
    else if (error.status() == 429 || error.status() == 503) response.set("retry-after", "1");
    else if (error.status() >= 400 && error.status() < 500 && error.status() != 408 && error.status() != 409)
        response.set("x-should-retry", "false");
    response.sendBuffer(text.data(), text.size());
}

}  // namespace portico::http
