#pragma once
#include <memory>

#include "http/RouteTable.h"

namespace portico::core {
class Gateway;
}

namespace portico::api {

/// Every endpoint of the gateway, one line each.
std::shared_ptr<const http::RouteTable> buildRoutes(core::Gateway& gateway);

}  // namespace portico::api
