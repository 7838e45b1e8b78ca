#pragma once
#include "http/ApiHandler.h"

namespace portico::api {

/// GET /v1/models: the public model names, in OpenAI's list shape.
class ModelsHandler : public http::ApiHandler {
public:
    using ApiHandler::ApiHandler;

protected:
    void serve(http::Exchange& exchange) override;
};

}  // namespace portico::api
