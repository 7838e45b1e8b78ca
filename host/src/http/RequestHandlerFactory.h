#pragma once
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <memory>

#include "http/RouteTable.h"

namespace portico::http {

/// The only Poco HTTPRequestHandlerFactory: asks the RouteTable, else answers 404/405 in the
/// OpenAI error format. Poco 1.11 takes ownership of the raw pointer returned here.
class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit RequestHandlerFactory(std::shared_ptr<const RouteTable> routes) : routes_(std::move(routes)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    std::shared_ptr<const RouteTable> routes_;
};

}  // namespace portico::http
