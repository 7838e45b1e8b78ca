#pragma once
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace portico::http {

/// Ordered, immutable after build; first match wins. Shared by all connection threads.
/// Paths match exactly, or as a prefix when the pattern ends in '*'.
class RouteTable {
public:
    using Creator = std::function<std::unique_ptr<Poco::Net::HTTPRequestHandler>()>;

    RouteTable& add(std::string method, std::string path, Creator create);
    /// The handler for the request; nullptr if no route matches. `path_known` tells a wrong
    /// method (405) from an unknown path (404).
    std::unique_ptr<Poco::Net::HTTPRequestHandler> match(const Poco::Net::HTTPServerRequest& request,
                                                         bool& path_known) const;

private:
    struct Route {
        std::string method;
        std::string path;
        Creator create;
    };
    std::vector<Route> routes_;
};

}  // namespace portico::http
