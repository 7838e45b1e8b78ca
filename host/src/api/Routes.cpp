#include "api/Routes.h"

#include "admin/PluginsHandler.h"
#include "api/ChatCompletionsHandler.h"
#include "api/HealthHandler.h"
#include "api/ModelsHandler.h"

namespace portico::api {
namespace {

template <typename Handler>
http::RouteTable::Creator make(core::Gateway& gateway) {
    return [&gateway] { return std::make_unique<Handler>(gateway); };
}

}  // namespace

std::shared_ptr<const http::RouteTable> buildRoutes(core::Gateway& gateway) {
    auto routes = std::make_shared<http::RouteTable>();
    routes->add("POST", "/v1/chat/completions", make<ChatCompletionsHandler>(gateway))
        .add("POST", "/chat/completions", make<ChatCompletionsHandler>(gateway))  // LiteLLM accepts both
        .add("GET", "/v1/models", make<ModelsHandler>(gateway))
        .add("GET", "/models", make<ModelsHandler>(gateway))
        .add("GET", "/health", make<HealthHandler>(gateway))
        .add("GET", "/health/liveliness", make<HealthHandler>(gateway))
        .add("GET", "/health/liveness", make<HealthHandler>(gateway))
        .add("GET", "/health/readiness", make<HealthHandler>(gateway))
        .add("GET", "/admin/v1/plugins", make<admin::PluginsHandler>(gateway))
        .add("POST", "/admin/v1/plugins/reload", make<admin::PluginsHandler>(gateway));
    return routes;
}

}  // namespace portico::api
