#pragma once
#include <Poco/BasicEvent.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <cstddef>
#include <mutex>

namespace portico::http {

/// One client connection, served on one pool thread for its life: Poco's HTTPServerConnection
/// loop (requests read, handled and answered in turn while the connection is kept alive), except
/// that the wait for the next request is one poll(2). Poco 1.11 waits with SocketImpl::poll, which
/// creates, fills and closes an epoll set each time: three extra syscalls on every request.
class HttpConnection : public Poco::Net::TCPServerConnection {
public:
    /// `server_stopped` fires when the server stops; with `true`, requests in progress are aborted.
    /// A body the handler left unread is skipped up to `max_body_bytes`; beyond, the connection ends.
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, std::size_t max_body_bytes,
                   Poco::BasicEvent<const bool>& server_stopped);
    ~HttpConnection() override;
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    void run() override;

private:
    void onServerStopped(const bool& abort_current);

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    std::size_t max_body_bytes_;
    Poco::BasicEvent<const bool>& server_stopped_;
    std::atomic<bool> stopped_{false};
    std::mutex serving_;  ///< held while a request is served, so a graceful stop waits for it
};

/// Makes an HttpConnection for every accepted socket, and tells them all when the server stops.
class HttpConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    HttpConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                          std::size_t max_body_bytes)
        : params_(std::move(params)), handlers_(std::move(handlers)), max_body_bytes_(max_body_bytes) {}

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new HttpConnection(socket, params_, handlers_, max_body_bytes_, server_stopped_);
    }

    /// Ends every open connection: at once (`abort_current`), or each after its current request.
    void stopConnections(bool abort_current) { server_stopped_(this, abort_current); }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    std::size_t max_body_bytes_;
    Poco::BasicEvent<const bool> server_stopped_;
};

}  // namespace portico::http
