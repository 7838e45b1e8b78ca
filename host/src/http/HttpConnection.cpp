#include "http/HttpConnection.h"

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <cerrno>
#include <memory>

#include "http/BodyReader.h"

namespace portico::http {
namespace {

/// Poco's server session with its read buffer's fill level in view: bytes of a pipelined next
/// request may already be buffered, and then there is nothing to wait for.
class ServerSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    using HTTPSession::buffered;
};

/// True when the next request's first bytes are here or arrive within `timeout`.
bool awaitRequest(ServerSession& session, const Poco::Timespan& timeout) {
    if (session.buffered() > 0) return true;
    pollfd readable{session.socket().impl()->sockfd(), POLLIN, 0};
    const int timeout_ms = static_cast<int>(timeout.totalMilliseconds());
    int ready = 0;
    do {
        ready = ::poll(&readable, 1, timeout_ms);
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
}

/// Answers a request Poco could not parse, then ends the connection (its framing is lost).
void sendBareError(ServerSession& session, Poco::Net::HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
}

}  // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, std::size_t max_body_bytes,
                               Poco::BasicEvent<const bool>& server_stopped)
    : TCPServerConnection(socket), params_(std::move(params)), handlers_(std::move(handlers)),
      max_body_bytes_(max_body_bytes), server_stopped_(server_stopped) {
    server_stopped_ += Poco::delegate(this, &HttpConnection::onServerStopped);
}

HttpConnection::~HttpConnection() {
    try {
        server_stopped_ -= Poco::delegate(this, &HttpConnection::onServerStopped);
    } catch (...) {
        // A destructor must not throw; the event only holds a pointer to this connection.
    }
}

void HttpConnection::run() {
    ServerSession session(socket(), params_);
    const int max_requests = params_->getMaxKeepAliveRequests();  // 0 or less: unlimited
    // The first request may take the full receive timeout to arrive; later ones, the keep-alive timeout.
    Poco::Timespan wait = params_->getTimeout();
    for (int served = 0; !stopped_ && awaitRequest(session, wait); wait = params_->getKeepAliveTimeout()) {
        try {
            std::lock_guard serving(serving_);
            if (stopped_) break;
            ++served;
            const bool may_keep_alive = params_->getKeepAlive() && (max_requests <= 0 || served < max_requests);
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, params_);
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(may_keep_alive && request.getKeepAlive());
            // The route table answers every request, unknown paths included.
            const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
            if (request.getExpectContinue()) response.sendContinue();
            handler->handleRequest(request, response);
            // A handler may answer without reading the body (a refused key, a body sent to a GET):
            // left on the socket it would be parsed as the next request, so skip it or end here.
            session.setKeepAlive(may_keep_alive && response.getKeepAlive() &&
                                 discardUnreadBody(request, max_body_bytes_));
            if (!session.getKeepAlive()) break;
        } catch (const Poco::Net::NoMessageException&) {
            break;  // the client closed the connection between requests
        } catch (const Poco::Net::MessageException&) {
            sendBareError(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
            break;
        }
    }
}

void HttpConnection::onServerStopped(const bool& abort_current) {
    stopped_ = true;
    try {
        // Shutting the socket down wakes the poll() and fails a read or write in progress.
        if (abort_current) {
            socket().shutdown();
        } else {
            std::lock_guard serving(serving_);
            socket().shutdown();
        }
    } catch (...) {
        // The connection may be closing already.
    }
}

}  // namespace portico::http
