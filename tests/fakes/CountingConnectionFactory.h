#pragma once
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "FakeState.h"

namespace portico::fakes {

/// Makes HTTP connections that count themselves open and closed in FakeState. HTTPServer does
/// not expose per-connection hooks, so the fake runs a TCPServer whose connections wrap
/// Poco's own HTTPServerConnection; tests use the counts to see that a gateway releases its
/// upstream connection when its client goes away.
class CountingConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    CountingConnectionFactory(FakeState& state, Poco::Net::HTTPServerParams::Ptr params,
                              Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : state_(state), params_(std::move(params)), handlers_(std::move(handlers)) {}

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

private:
    FakeState& state_;
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
};

}  // namespace portico::fakes
