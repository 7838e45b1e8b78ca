#include "api/HealthHandler.h"

#include "core/Gateway.h"

namespace portico::api {

void HealthHandler::serve(http::Exchange& exchange) {
    const std::string path = exchange.request.getURI().substr(0, exchange.request.getURI().find('?'));
    if (path == "/health/liveliness" || path == "/health/liveness") {
        sendJson(exchange, "{\"status\":\"alive\"}");
        return;
    }
    const auto runtime = gateway_.runtime();
    std::size_t loaded = 0;
    for (const auto& record : runtime->plugins ? runtime->plugins->records : decltype(runtime->plugins->records){})
        loaded += record.loaded ? 1 : 0;
    sendJson(exchange, "{\"status\":\"healthy\",\"models\":" + std::to_string(runtime->models.modelNames().size()) +
                           ",\"plugins_loaded\":" + std::to_string(loaded) + ",\"version\":\"" PORTICO_VERSION "\"}");
}

}  // namespace portico::api
