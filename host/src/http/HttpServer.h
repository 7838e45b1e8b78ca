#pragma once
#include <Poco/SharedPtr.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

#include "config/Config.h"
#include "http/RouteTable.h"

namespace portico::http {

class HttpConnectionFactory;

/// Owns the HTTP server: Poco's TCPServer serving HttpConnections, its dedicated thread pool and
/// listening socket. Each connection holds one thread for its life, so the pool is sized for peak
/// open connections (streams included) with small stacks, and the listen backlog is raised from
/// Poco's 64 so bursts are not lost to SYN back-off (docs/configuration.md, "Sizing").
class HttpServer {
public:
    HttpServer(const config::ServerSettings& settings, std::shared_ptr<const RouteTable> routes);
    ~HttpServer();

    void start();
    /// Stops accepting new connections; connections in flight finish their current request.
    void stopAccepting();
    /// The bound port (useful with port 0).
    int port() const { return socket_.address().port(); }
    std::string host() const { return socket_.address().host().toString(); }
    int currentConnections() const { return server_->currentConnections(); }

private:
    Poco::ThreadPool pool_;
    Poco::Net::ServerSocket socket_;
    Poco::SharedPtr<HttpConnectionFactory> connections_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace portico::http
