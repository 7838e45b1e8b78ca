#include "upstream/ExchangeStarter.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <ios>
#include <ostream>

#include "core/Log.h"
#include "upstream/ErrorTranslation.h"
#include "upstream/ExchangePhase.h"

namespace portico::upstream {
namespace {

Poco::Timespan toTimespan(std::chrono::milliseconds duration) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

/// Framing and connection management belong to the pool; a caller's copy would contradict ours.
bool ownedByPool(const std::string& name) {
    return Poco::icompare(name, "Content-Length") == 0 || Poco::icompare(name, "Transfer-Encoding") == 0 ||
           Poco::icompare(name, "Connection") == 0;
}

bool sendsBody(const UpstreamRequest& request) {
    return !request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
}

Poco::Net::HTTPRequest buildRequest(const Endpoint& endpoint, const UpstreamRequest& request) {
    Poco::Net::HTTPRequest http(request.method, endpoint.target, Poco::Net::HTTPMessage::HTTP_1_1);
    http.setHost(endpoint.hostHeader());
    for (const auto& [name, value] : request.headers) {
        if (ownedByPool(name)) continue;
        if (Poco::icompare(name, "Host") == 0)
            http.set("Host", value);
        else
            http.add(name, value);
    }
    // Without a length Poco would stream a POST body until the connection closes.
    if (sendsBody(request)) http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    return http;
}

/// HTTPSession::setTimeout only takes effect at the next connect, so a reused connection needs
/// this request's limits put on its socket directly, when they differ from what it has.
void applyTimeouts(Connection& connection, const UpstreamRequest& request) {
    Poco::Net::HTTPClientSession& session = *connection.session;
    const Poco::Timespan io = toTimespan(request.read_timeout);
    session.setTimeout(toTimespan(request.connect_timeout), io, io);
    if (session.connected() && connection.socket_io_timeout != io) {
        session.socket().setReceiveTimeout(io);
        session.socket().setSendTimeout(io);
    }
    // Connecting (in sendRequest, when not connected) applies the session's timeouts: io either way.
    connection.socket_io_timeout = io;
}

}  // namespace

std::unique_ptr<StreamingResponse> startExchange(const std::shared_ptr<EndpointPool>& pool, const Endpoint& endpoint,
                                                 const UpstreamRequest& request) {
    std::unique_ptr<Connection> connection = pool->takeIdle();
    bool reused = connection != nullptr;
    if (!connection) connection = pool->create();
    Poco::Net::HTTPRequest http = buildRequest(endpoint, request);
    const bool head_request = request.method == Poco::Net::HTTPRequest::HTTP_HEAD;

    for (;;) {
        Poco::Net::HTTPClientSession& session = *connection->session;
        ExchangePhase phase = ExchangePhase::Connect;
        // Every failure below leaves the session in an unknown state: reset() closes the socket so
        // the session is never reused as it is.
        auto retryOrThrow = [&](const Poco::Exception& failure) {
            session.reset();
            if (reused && phase != ExchangePhase::Connect && looksLikeStaleConnection(failure)) {
                core::Log::debug("upstream", "idle connection to " + endpoint.key() + " was closed by the upstream (" +
                                                 failure.className() + "); retrying on a new connection");
                reused = false;
                return;
            }
            const auto limit = phase == ExchangePhase::Connect ? request.connect_timeout : request.read_timeout;
            throw translateFailure(failure, phase, endpoint, limit);
        };
        try {
            // sendRequest connects first when the session is not connected.
            phase = session.connected() ? ExchangePhase::Send : ExchangePhase::Connect;
            applyTimeouts(*connection, request);
            std::ostream& out = session.sendRequest(http);
            phase = ExchangePhase::Send;
            connection->last_sent = Connection::Clock::now();
            // Errors inside the stream buffer are swallowed into badbit unless asked for; with badbit
            // in the mask the original Poco exception is rethrown.
            out.exceptions(std::ios::badbit);
            out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
            out.flush();
            phase = ExchangePhase::Receive;
            auto response = std::make_unique<Poco::Net::HTTPResponse>();
            std::istream& in = session.receiveResponse(*response);
            in.exceptions(std::ios::badbit);
            return std::make_unique<StreamingResponse>(pool, std::move(connection), std::move(response), in,
                                                       head_request, request.read_timeout, request.max_body_bytes);
        } catch (const Poco::Exception& failure) {
            retryOrThrow(failure);
        } catch (const std::ios_base::failure&) {
            // A stream buffer that came up short without an exception: report what the session saw.
            if (const Poco::Exception* network = session.networkException()) {
                std::unique_ptr<Poco::Exception> copy(network->clone());
                retryOrThrow(*copy);
            } else {
                retryOrThrow(Poco::IOException("the request could not be written"));
            }
        }
    }
}

}  // namespace portico::upstream
