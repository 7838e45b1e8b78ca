#pragma once
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "FakeState.h"

namespace portico::fakes {

/// Picks the handler for a request. Poco creates one handler per request, so handlers are
/// small and hold only a reference to the shared state.
class FakeRouter : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit FakeRouter(FakeState& state) : state_(state) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    FakeState& state_;
};

}  // namespace portico::fakes
