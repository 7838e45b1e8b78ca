#include "http/HttpServer.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SocketAddress.h>

#include <sys/socket.h>

#include "http/RequestHandlerFactory.h"

namespace portico::http {
namespace {

Poco::Net::ServerSocket listeningSocket(const config::ServerSettings& settings) {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(settings.host, static_cast<Poco::UInt16>(settings.port)), true);
    socket.listen(settings.listen_backlog);
    // Linux copies the listening socket's SO_SNDTIMEO and SO_RCVTIMEO to every accepted socket:
    // set once here, they bound every blocking read and write of a worker without a syscall per
    // request (a client that stops reading a stream, or stops sending a chunked body).
    socket.setSendTimeout(Poco::Timespan(settings.send_timeout_s, 0));
    socket.setReceiveTimeout(Poco::Timespan(settings.header_timeout_s, 0));
    return socket;
}

Poco::Net::HTTPServerParams::Ptr serverParams(const config::ServerSettings& settings) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;  // reference-counted
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(settings.max_keep_alive_requests);
    params->setServerName("portico");
    return params;
}

ConnectionLimits connectionLimits(const config::ServerSettings& settings) {
    ConnectionLimits limits;
    limits.header_timeout = std::chrono::seconds(settings.header_timeout_s);
    limits.keep_alive_timeout = std::chrono::seconds(settings.keep_alive_timeout_s);
    limits.max_body_bytes = settings.max_body_bytes;
    limits.max_connections = settings.max_connections;
    return limits;
}

}  // namespace

HttpServer::HttpServer(const config::ServerSettings& settings, std::shared_ptr<const RouteTable> routes)
    : socket_(listeningSocket(settings)),
      limits_(connectionLimits(settings)),
      cycle_(serverParams(settings), new RequestHandlerFactory(std::move(routes)), limits_, draining_),
      workers_(settings.min_threads, settings.max_threads, static_cast<std::size_t>(settings.thread_stack_kb) * 1024,
               [this](ClientConnection* connection) {
                   if (cycle_.serve(*connection) == RequestCycle::Next::park)
                       poller_.park(connection);
                   else
                       poller_.close(connection);
               }),
      poller_(socket_.impl()->sockfd(), limits_, workers_, draining_) {}

HttpServer::~HttpServer() {
    draining_ = true;
    poller_.abortActive();
    workers_.stop();  // connections still queued stay the poller's, closed by its stop()
    poller_.stop();
}

void HttpServer::start() { poller_.start(); }

void HttpServer::stopAccepting() {
    // New connections are refused from here on; the poller sees the listening socket fail and
    // stops watching it. The descriptor itself is closed only with the server.
    ::shutdown(socket_.impl()->sockfd(), SHUT_RDWR);
    draining_ = true;
    poller_.wake();
}

bool HttpServer::awaitIdle(std::chrono::steady_clock::time_point deadline) { return workers_.awaitIdle(deadline); }

void HttpServer::abortRequests() { poller_.abortActive(); }

}  // namespace portico::http
