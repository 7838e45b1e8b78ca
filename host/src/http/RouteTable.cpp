#include "http/RouteTable.h"

#include <string_view>

namespace portico::http {
namespace {

bool pathMatches(std::string_view pattern, std::string_view path) {
    if (!pattern.empty() && pattern.back() == '*') return path.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
    return pattern == path;
}

}  // namespace

RouteTable& RouteTable::add(std::string method, std::string path, Creator create) {
    routes_.push_back({std::move(method), std::move(path), std::move(create)});
    return *this;
}

std::unique_ptr<Poco::Net::HTTPRequestHandler> RouteTable::match(const Poco::Net::HTTPServerRequest& request,
                                                                 bool& path_known) const {
    std::string_view path = request.getURI();
    path = path.substr(0, path.find('?'));
    path_known = false;
    for (const Route& route : routes_) {
        if (!pathMatches(route.path, path)) continue;
        path_known = true;
        if (route.method == request.getMethod()) return route.create();
    }
    return nullptr;
}

}  // namespace portico::http
