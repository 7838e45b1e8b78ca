#include "api/ModelsHandler.h"

#include <ctime>

#include "core/Gateway.h"
#include "core/Json.h"

namespace portico::api {

void ModelsHandler::serve(http::Exchange& exchange) {
    requireMasterKey(exchange);
    static const std::string created = std::to_string(std::time(nullptr));  // process start: stable per run
    std::string body = "{\"object\":\"list\",\"data\":[";
    bool first = true;
    for (const std::string& name : gateway_.runtime()->models.modelNames()) {
        if (!first) body.push_back(',');
        first = false;
        body.append("{\"id\":");
        core::appendJsonString(body, name);
        body.append(",\"object\":\"model\",\"created\":").append(created).append(",\"owned_by\":\"portico\"}");
    }
    body.append("]}");
    sendJson(exchange, body);
}

}  // namespace portico::api
