#include "upstream/ErrorTranslation.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <typeinfo>

namespace portico::upstream {
namespace {

template <typename T>
bool is(const Poco::Exception& failure) {
    return dynamic_cast<const T*>(&failure) != nullptr;
}

UpstreamError tlsFailure(const Poco::Exception& failure, const Endpoint& endpoint) {
    const std::string detail = failure.displayText();
    const bool certificate = is<Poco::Net::CertificateValidationException>(failure) ||
                             detail.find("certificate verify failed") != std::string::npos;
    if (certificate)
        return UpstreamError(UpstreamErrorKind::Tls, "TLS certificate verification failed for host " + endpoint.host +
                                                         " (" + endpoint.key() + "): " + detail);
    return UpstreamError(UpstreamErrorKind::Tls, "TLS handshake with " + endpoint.key() + " failed: " + detail);
}

}  // namespace

UpstreamError translateFailure(const Poco::Exception& failure, ExchangePhase phase, const Endpoint& endpoint,
                               std::chrono::milliseconds timeout) {
    const std::string where = endpoint.key();
    const std::string detail = failure.displayText();
    if (is<Poco::Net::CertificateValidationException>(failure)) return tlsFailure(failure, endpoint);
    if (is<Poco::Net::SSLException>(failure)) {
        if (phase == ExchangePhase::Connect) return tlsFailure(failure, endpoint);
        return UpstreamError(UpstreamErrorKind::Reset, "TLS connection to " + where + " failed: " + detail);
    }
    if (is<Poco::TimeoutException>(failure)) {
        const std::string limit = std::to_string(timeout.count()) + " ms";
        if (phase == ExchangePhase::Connect)
            return UpstreamError(UpstreamErrorKind::Connect, "connecting to " + where + " timed out after " + limit);
        if (phase == ExchangePhase::Send)
            return UpstreamError(UpstreamErrorKind::Timeout, where + " did not accept the request within " + limit);
        return UpstreamError(UpstreamErrorKind::Timeout, "no data from " + where + " within " + limit);
    }
    if (is<Poco::Net::ConnectionRefusedException>(failure))
        return UpstreamError(UpstreamErrorKind::Connect, "connection to " + where + " refused");
    if (is<Poco::Net::DNSException>(failure))
        return UpstreamError(UpstreamErrorKind::Connect, "cannot resolve " + endpoint.host + ": " + detail);
    if (is<Poco::Net::NoMessageException>(failure))
        return UpstreamError(UpstreamErrorKind::Reset, where + " closed the connection without a response");
    if (is<Poco::Net::ConnectionResetException>(failure) || is<Poco::Net::ConnectionAbortedException>(failure))
        return UpstreamError(UpstreamErrorKind::Reset, where + " reset the connection");
    if (is<Poco::Net::MessageException>(failure) || is<Poco::Net::HTTPException>(failure))
        return UpstreamError(UpstreamErrorKind::Protocol, "malformed HTTP response from " + where + ": " + detail);
    if (is<Poco::IOException>(failure)) {
        if (phase == ExchangePhase::Connect)
            return UpstreamError(UpstreamErrorKind::Connect, "cannot connect to " + where + ": " + detail);
        return UpstreamError(UpstreamErrorKind::Reset, "connection to " + where + " failed: " + detail);
    }
    return UpstreamError(UpstreamErrorKind::Protocol, "exchange with " + where + " failed: " + detail);
}

bool looksLikeStaleConnection(const Poco::Exception& failure) {
    if (is<Poco::Net::NoMessageException>(failure) || is<Poco::Net::ConnectionResetException>(failure) ||
        is<Poco::Net::ConnectionAbortedException>(failure) ||
        is<Poco::Net::SSLConnectionUnexpectedlyClosedException>(failure))
        return true;
    // A write into a socket the peer closed surfaces as a plain I/O error (EPIPE); anything more
    // specific (malformed response, TLS alert, timeout) means the upstream did see the request.
    return typeid(failure) == typeid(Poco::IOException) || typeid(failure) == typeid(Poco::Net::NetException);
}

}  // namespace portico::upstream
