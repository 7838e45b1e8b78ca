#include "http/RequestCycle.h"

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <cerrno>
#include <memory>

#include "core/Log.h"
#include "http/BodyReader.h"
#include "http/RequestHeadScanner.h"

namespace portico::http {
namespace {

/// How long a worker waits for the next request on a connection before handing it back to the
/// poller. Clients that send their next request as soon as the answer arrives (a busy SDK pool, a
/// benchmark) are then served without two thread hand-offs; an idle connection costs the worker
/// only this long. 1 ms was too short on a loaded 2-core machine: at 50 connections about a fifth
/// more CPU per request went to hand-offs than with 5 ms (bench/run.sh, docs/performance.md).
constexpr int kNextRequestWaitMs = 5;

/// Poco's server session, with what it has buffered beyond the current request in view: those
/// bytes belong to the next request and go back to the connection when this one is done.
class ServerSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    using HTTPSession::buffered;

    /// Returns buffered bytes to the connection, so they are found wherever it goes next.
    void returnBuffered(PrefetchedSocketImpl& socket) {
        if (buffered() <= 0) return;
        Poco::Buffer<char> rest(0);
        drainBuffer(rest);
        socket.putBack(std::string_view(rest.begin(), rest.size()));
    }
};

/// A response that ends its connection when the server began draining while it was being
/// prepared: an upstream call can take minutes, and its client must learn that this connection
/// takes no further request (Connection: close) from the answer itself.
class ClientResponse : public Poco::Net::HTTPServerResponseImpl {
public:
    ClientResponse(ServerSession& session, const std::atomic<bool>& draining)
        : HTTPServerResponseImpl(session), draining_(draining) {}

    std::ostream& send() override {
        closeIfDraining();
        return HTTPServerResponseImpl::send();
    }
    void sendBuffer(const void* buffer, std::size_t length) override {
        closeIfDraining();
        HTTPServerResponseImpl::sendBuffer(buffer, length);
    }
    void sendFile(const std::string& path, const std::string& media_type) override {
        closeIfDraining();
        HTTPServerResponseImpl::sendFile(path, media_type);
    }

private:
    void closeIfDraining() {
        if (draining_.load(std::memory_order_relaxed)) setKeepAlive(false);
    }

    const std::atomic<bool>& draining_;
};

/// Answers a request Poco could not parse, then ends the connection (its framing is lost).
void sendBareError(ServerSession& session, Poco::Net::HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
}

/// True when the client's next bytes arrive within kNextRequestWaitMs; false also when it closed.
bool awaitMoreBytes(ClientConnection& connection) {
    pollfd readable{connection.fd(), POLLIN, 0};
    int ready = 0;
    do {
        ready = ::poll(&readable, 1, kNextRequestWaitMs);
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && connection.prefetched().receiveAvailable(1 << 20) > 0;
}

}  // namespace

RequestCycle::RequestCycle(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                           const ConnectionLimits& limits, const std::atomic<bool>& draining)
    : params_(std::move(params)), handlers_(std::move(handlers)), limits_(limits), draining_(draining) {}

bool RequestCycle::nextRequestHere(const ClientConnection& connection) const {
    const std::string_view unread = connection.prefetched().unread();
    if (unread.empty()) return false;
    const HeadScan scan = scanRequestHead(unread, limits_.max_head_bytes);
    // An incomplete or refused head, or a body still arriving, is the poller's to wait for.
    return scan.state == HeadScan::State::complete && unread.size() >= bytesBeforeServing(scan, limits_);
}

RequestCycle::Next RequestCycle::serve(ClientConnection& connection) {
    ServerSession session(connection.socket, params_);
    const int max_requests = params_->getMaxKeepAliveRequests();  // 0 or less: unlimited
    bool keep_alive = false;
    do {
        keep_alive = false;
        try {
            ++connection.served;
            // A drain that has begun is applied when the response is sent (ClientResponse).
            const bool may_keep_alive = params_->getKeepAlive() && (max_requests <= 0 || connection.served < max_requests);
            ClientResponse response(session, draining_);
            Poco::Net::HTTPServerRequestImpl request(response, session, params_);
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(may_keep_alive && request.getKeepAlive());
            // The route table answers every request, unknown paths included.
            const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
            if (request.getExpectContinue()) response.sendContinue();
            handler->handleRequest(request, response);
            // A handler may answer without reading the body (a refused key, a body sent to a GET):
            // left unread it would be parsed as the next request, so skip it or end here.
            keep_alive = may_keep_alive && response.getKeepAlive() && !draining_.load(std::memory_order_relaxed) &&
                         discardUnreadBody(request, limits_.max_body_bytes);
        } catch (const Poco::Net::NoMessageException&) {
            // The client closed the connection.
        } catch (const Poco::Net::MessageException&) {
            try {
                sendBareError(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
            } catch (const std::exception&) {
                // The client is gone: nothing to tell it.
            }
        } catch (const Poco::Exception& error) {
            if (!dynamic_cast<const Poco::Net::NetException*>(&error) && !dynamic_cast<const Poco::TimeoutException*>(&error))
                core::Log::warn("http", "request ended by: " + error.displayText());
        } catch (const std::exception& error) {
            core::Log::warn("http", std::string("request ended by: ") + error.what());
        }
        session.returnBuffered(connection.prefetched());
    } while (keep_alive && (nextRequestHere(connection) || (awaitMoreBytes(connection) && nextRequestHere(connection))));
    // The connection outlives this session: take the socket back so the session does not close it.
    session.detachSocket();
    return keep_alive ? Next::park : Next::close;
}

}  // namespace portico::http
