#include "http/HttpServer.h"

#include <Poco/ErrorHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <atomic>

#include "core/Log.h"
#include "http/HttpConnection.h"
#include "http/RequestHandlerFactory.h"

namespace portico::http {
namespace {

/// Poco prints every client reset to stderr by default; count them and log only the unexpected.
class QuietErrorHandler : public Poco::ErrorHandler {
public:
    void exception(const Poco::Exception& e) override {
        if (dynamic_cast<const Poco::Net::NetException*>(&e) || dynamic_cast<const Poco::TimeoutException*>(&e)) return;
        core::Log::warn("http", std::string("unhandled: ") + e.displayText());
    }
    void exception(const std::exception& e) override { core::Log::warn("http", std::string("unhandled: ") + e.what()); }
    void exception() override { core::Log::warn("http", "unhandled unknown exception"); }
};

}  // namespace

HttpServer::HttpServer(const config::ServerSettings& settings, std::shared_ptr<const RouteTable> routes)
    : pool_("http", settings.min_threads, settings.max_threads, 60, settings.thread_stack_kb * 1024) {
    static QuietErrorHandler error_handler;
    Poco::ErrorHandler::set(&error_handler);

    socket_.bind(Poco::Net::SocketAddress(settings.host, static_cast<Poco::UInt16>(settings.port)), true);
    socket_.listen(settings.listen_backlog);
    // Poco sets no send timeout, so a client that stops reading would hold its thread forever.
    // Linux copies the listening socket's SO_SNDTIMEO to every accepted one: set once, here, it
    // bounds every reply and stream without a syscall per request.
    socket_.setSendTimeout(Poco::Timespan(settings.send_timeout_s, 0));

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;  // reference-counted
    params->setMaxThreads(settings.max_threads);
    params->setMaxQueued(settings.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(settings.keep_alive_timeout_s, 0));
    params->setMaxKeepAliveRequests(settings.max_keep_alive_requests);
    params->setTimeout(Poco::Timespan(settings.keep_alive_timeout_s > 60 ? settings.keep_alive_timeout_s : 60, 0));
    params->setServerName("portico");
    connections_ = new HttpConnectionFactory(params, new RequestHandlerFactory(std::move(routes)), settings.max_body_bytes);
    server_ = std::make_unique<Poco::Net::TCPServer>(connections_, pool_, socket_, params);
}

HttpServer::~HttpServer() {
    if (server_) {
        server_->stop();
        connections_->stopConnections(true);
    }
    pool_.joinAll();
}

void HttpServer::start() { server_->start(); }

void HttpServer::stopAccepting() { server_->stop(); }

}  // namespace portico::http
