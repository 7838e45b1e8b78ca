#include "http/HttpConnection.h"

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <cerrno>
#include <chrono>
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

/// Ends a connection the way Apache's lingering close does. Closing a socket with request bytes
/// still unread (a 413's body, say) makes the kernel answer with RST, which can destroy the reply
/// before the client has read it; so send FIN first, then read and drop what the client still
/// sends until it closes too, for at most a couple of seconds.
void lingeringClose(Poco::Net::StreamSocket& socket) {
    constexpr auto kLinger = std::chrono::seconds(2);
    try {
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
        const auto deadline = std::chrono::steady_clock::now() + kLinger;
        char buffer[16384];
        while (std::chrono::steady_clock::now() < deadline) {
            try {
                if (socket.receiveBytes(buffer, sizeof buffer) <= 0) break;
            } catch (const Poco::TimeoutException&) {
                // Nothing yet: the client may still be sending; look again until the deadline.
            }
        }
    } catch (const std::exception&) {
        // The client is gone already: nothing is left to protect.
    }
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
            return;  // the client closed the connection between requests
        } catch (const Poco::Net::MessageException&) {
            sendBareError(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
            break;
        }
    }
    if (!stopped_) lingeringClose(socket());
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
