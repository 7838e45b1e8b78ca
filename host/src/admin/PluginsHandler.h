#pragma once
#include "http/ApiHandler.h"

namespace portico::admin {

/// GET /admin/v1/plugins (loaded and refused plugins) and POST /admin/v1/plugins/reload
/// (rescan the directory; removed plugins unload once requests using them finish). Master key.
class PluginsHandler : public http::ApiHandler {
public:
    using ApiHandler::ApiHandler;

protected:
    void serve(http::Exchange& exchange) override;
};

}  // namespace portico::admin
