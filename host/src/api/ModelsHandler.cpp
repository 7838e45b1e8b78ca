#include "api/ModelsHandler.h"

#include <Poco/URI.h>

#include <ctime>

#include "core/Gateway.h"
#include "core/GatewayError.h"
#include "core/Json.h"

namespace portico::api {
namespace {

void appendModel(std::string& body, const std::string& name) {
    static const std::string created = std::to_string(std::time(nullptr));  // process start: stable per run
    body.append("{\"id\":");
    core::appendJsonString(body, name);
    body.append(",\"object\":\"model\",\"created\":").append(created).append(",\"owned_by\":\"portico\"}");
}

/// The {id} of GET /v1/models/{id} (decoded: ids hold '/' and ':'), or empty for the list.
std::string requestedModel(const std::string& target) {
    std::string path;
    Poco::URI::decode(target.substr(0, target.find('?')), path);
    constexpr std::string_view kMarker = "models/";
    const std::size_t at = path.find(kMarker);
    return at == std::string::npos ? std::string() : path.substr(at + kMarker.size());
}

}  // namespace

void ModelsHandler::serve(http::Exchange& exchange) {
    requireMasterKey(exchange);
    const std::string wanted = requestedModel(exchange.request.getURI());
    const auto names = gateway_.runtime()->models.modelNames();
    std::string body;
    if (!wanted.empty()) {
        for (const std::string& name : names)
            if (name == wanted) {
                appendModel(body, name);
                return sendJson(exchange, body);
            }
        throw core::GatewayError::notFound("The model `" + wanted + "` does not exist", "model_not_found");
    }
    body = "{\"object\":\"list\",\"data\":[";
    bool first = true;
    for (const std::string& name : names) {
        if (!first) body.push_back(',');
        first = false;
        appendModel(body, name);
    }
    body.append("]}");
    sendJson(exchange, body);
}

}  // namespace portico::api
