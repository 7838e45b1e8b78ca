#include "CountingConnectionFactory.h"

#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/TCPServerConnection.h>

namespace portico::fakes {

namespace {

/// Counts the connection open for exactly as long as the wrapped HTTP connection runs, even
/// when it ends by an exception (a reset peer).
class CountingConnection : public Poco::Net::TCPServerConnection {
public:
    CountingConnection(const Poco::Net::StreamSocket& socket, FakeState& state,
                       Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : TCPServerConnection(socket), state_(state), params_(std::move(params)), handlers_(std::move(handlers)) {}

    void run() override {
        struct OpenGuard {
            FakeState& state;
            explicit OpenGuard(FakeState& s) : state(s) { state.open_connections.fetch_add(1); }
            ~OpenGuard() {
                state.open_connections.fetch_sub(1);
                state.closed_connections.fetch_add(1);
            }
        } guard(state_);
        Poco::Net::HTTPServerConnection inner(socket(), params_, handlers_);
        inner.run();
    }

private:
    FakeState& state_;
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
};

}  // namespace

Poco::Net::TCPServerConnection* CountingConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
    return new CountingConnection(socket, state_, params_, handlers_);
}

}  // namespace portico::fakes
