#pragma once
#include "http/ApiHandler.h"

namespace portico::api {

/// GET /health, /health/liveliness, /health/readiness. No key needed: load balancers and
/// orchestrators probe these. Readiness also reports how many models can be served.
class HealthHandler : public http::ApiHandler {
public:
    using ApiHandler::ApiHandler;

protected:
    void serve(http::Exchange& exchange) override;
};

}  // namespace portico::api
