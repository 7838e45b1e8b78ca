#pragma once
// A real Poco HTTP(S) server on 127.0.0.1:<random port> for tests, header-only.
//
// It counts accepted and closed connections so a test can prove connection reuse ("two requests,
// one connection") and wait for the server to close a connection without sleeping. The handler
// learns which connection and which request on it it serves, so a test can script per-connection
// behaviour (answer the first request, drop the second, ...).
//
// Handlers that block (on a promise, for instance) must be released before the server is
// destroyed: the destructor shuts the open sockets down and then waits for every handler to return.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace portico::testsupport {

/// Which connection (1 = the first accepted) and which request on that connection (1 = its
/// first) a handler call serves.
struct ServerExchange {
    int connection = 0;
    int request = 0;
};

class LocalHttpServer {
public:
    using Handler =
        std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const ServerExchange&)>;

    struct Options {
        /// How long the server keeps an idle connection open between requests.
        Poco::Timespan keep_alive_timeout{15, 0};
        /// A TLS_SERVER_USE context to serve HTTPS; null serves plain HTTP.
        Poco::Net::Context::Ptr tls;
    };

    explicit LocalHttpServer(Handler handler) : LocalHttpServer(std::move(handler), Options{}) {}

    LocalHttpServer(Handler handler, Options options)
        : state_(std::make_shared<State>()), threads_(2, 16), secure_(!options.tls.isNull()) {
        state_->handler = std::move(handler);
        state_->params = new Poco::Net::HTTPServerParams;
        state_->params->setKeepAlive(true);
        state_->params->setKeepAliveTimeout(options.keep_alive_timeout);
        state_->params->setTimeout(Poco::Timespan(10, 0));
        state_->factory = new HandlerFactory(state_.get());
        const Poco::Net::SocketAddress loopback("127.0.0.1", 0);
        if (secure_)
            socket_ = Poco::Net::SecureServerSocket(loopback, 64, options.tls);
        else
            socket_ = Poco::Net::ServerSocket(loopback, 64);
        auto tcp_params = new Poco::Net::TCPServerParams;
        tcp_params->setMaxThreads(16);
        tcp_params->setMaxQueued(64);
        server_ = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(state_), threads_, socket_, tcp_params);
        server_->start();
    }

    ~LocalHttpServer() {
        server_->stop();
        {
            std::lock_guard lock(state_->mutex);
            for (Poco::Net::StreamSocket& socket : state_->live) {
                try {
                    socket.shutdown();
                } catch (...) {
                    // Already closed by the peer: nothing to interrupt.
                }
            }
        }
        threads_.joinAll();
    }

    LocalHttpServer(const LocalHttpServer&) = delete;
    LocalHttpServer& operator=(const LocalHttpServer&) = delete;

    std::uint16_t port() const { return socket_.address().port(); }

    /// "http://127.0.0.1:<port><path>" (https when serving TLS).
    std::string url(const std::string& path = "/") const { return url("127.0.0.1", path); }
    /// The same with another host name, e.g. "localhost" to match a test certificate.
    std::string url(const std::string& host, const std::string& path) const {
        return std::string(secure_ ? "https://" : "http://") + host + ":" + std::to_string(port()) + path;
    }

    /// Answers with a text/plain body and a Content-Length, so the connection can stay open.
    static void sendText(Poco::Net::HTTPServerResponse& response, const std::string& body) {
        response.setContentType("text/plain");
        response.sendBuffer(body.data(), body.size());
    }

    int acceptedConnections() const {
        std::lock_guard lock(state_->mutex);
        return state_->accepted;
    }
    int closedConnections() const {
        std::lock_guard lock(state_->mutex);
        return state_->closed;
    }
    int handledRequests() const {
        std::lock_guard lock(state_->mutex);
        return state_->requests;
    }
    /// Waits until the server has closed at least `count` connections (its socket is closed, so
    /// the client can see it). False when the timeout passed first.
    bool waitForClosedConnections(int count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(state_->mutex);
        return state_->changed.wait_for(lock, timeout, [&] { return state_->closed >= count; });
    }

private:
    struct State {
        Handler handler;
        Poco::Net::HTTPServerParams::Ptr params;
        Poco::Net::HTTPRequestHandlerFactory::Ptr factory;
        mutable std::mutex mutex;
        std::condition_variable changed;
        std::vector<Poco::Net::StreamSocket> live;
        int accepted = 0;
        int closed = 0;
        int requests = 0;
    };

    /// The exchange served by the current thread: one connection runs on one thread.
    static ServerExchange& current() {
        static thread_local ServerExchange exchange;
        return exchange;
    }

    class RequestHandler final : public Poco::Net::HTTPRequestHandler {
    public:
        explicit RequestHandler(State* state) : state_(state) {}
        void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
            ServerExchange& exchange = current();
            ++exchange.request;
            {
                std::lock_guard lock(state_->mutex);
                ++state_->requests;
            }
            state_->handler(request, response, exchange);
        }

    private:
        State* state_;
    };

    /// Holds the state by plain pointer: the state owns the factory, and every handler has
    /// returned before the state goes away.
    class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
    public:
        explicit HandlerFactory(State* state) : state_(state) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
            return new RequestHandler(state_);
        }

    private:
        State* state_;
    };

    /// Runs Poco's HTTPServerConnection and records when the connection opens and closes.
    class Connection final : public Poco::Net::TCPServerConnection {
    public:
        Connection(const Poco::Net::StreamSocket& socket, std::shared_ptr<State> state)
            : Poco::Net::TCPServerConnection(socket), state_(std::move(state)) {}

        void run() override {
            {
                std::lock_guard lock(state_->mutex);
                current() = ServerExchange{++state_->accepted, 0};
                state_->live.push_back(socket());
            }
            try {
                Poco::Net::HTTPServerConnection http(socket(), state_->params, state_->factory);
                http.run();
            } catch (...) {
                // The client went away mid-response; tests provoke that on purpose.
            }
            {
                // Out of the list first, so the destructor never shuts down a socket being closed.
                std::lock_guard lock(state_->mutex);
                auto& live = state_->live;
                live.erase(std::remove(live.begin(), live.end(), socket()), live.end());
            }
            try {
                socket().close();
            } catch (...) {
                // Closing an already broken socket has nothing left to report.
            }
            std::lock_guard lock(state_->mutex);
            ++state_->closed;
            state_->changed.notify_all();
        }

    private:
        std::shared_ptr<State> state_;
    };

    class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
    public:
        explicit ConnectionFactory(std::shared_ptr<State> state) : state_(std::move(state)) {}
        Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
            return new Connection(socket, state_);
        }

    private:
        std::shared_ptr<State> state_;
    };

    std::shared_ptr<State> state_;
    Poco::ThreadPool threads_;  // declared before server_: the server runs on it and goes first
    bool secure_;
    Poco::Net::ServerSocket socket_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace portico::testsupport
