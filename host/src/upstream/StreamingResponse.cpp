#include "upstream/StreamingResponse.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPSession.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "upstream/ErrorTranslation.h"

namespace portico::upstream {
namespace {

/// Responses that never carry a body whatever their headers say (RFC 9110 §6.4.1).
bool bodyless(int status, bool head_request) {
    return head_request || (status >= 100 && status < 200) || status == 204 || status == 304;
}

/// Poco keeps HTTPSession::buffered() protected. A derived class may name it, and the member
/// pointer that forms is usable on any session; nothing of this class is ever constructed.
struct SessionBufferProbe : Poco::Net::HTTPSession {
    static int bufferedIn(const Poco::Net::HTTPSession& session) {
        return (session.*&SessionBufferProbe::buffered)();
    }
};

}  // namespace

StreamingResponse::StreamingResponse(std::shared_ptr<EndpointPool> pool, std::unique_ptr<Connection> connection,
                                     std::unique_ptr<Poco::Net::HTTPResponse> response, std::istream& body,
                                     bool head_request, std::chrono::milliseconds read_timeout,
                                     std::size_t max_body_bytes)
    : pool_(std::move(pool)),
      connection_(std::move(connection)),
      response_(std::move(response)),
      body_(body),
      read_timeout_(read_timeout),
      max_body_bytes_(max_body_bytes),
      status_(static_cast<int>(response_->getStatus())),
      delimited_(false) {
    for (const auto& [name, value] : *response_) headers_.emplace_back(name, value);
    if (bodyless(status_, head_request)) {
        // Nothing to read: the next response on this connection starts right after the headers.
        delimited_ = true;
        ended_ = true;
    } else if (response_->getChunkedTransferEncoding()) {
        delimited_ = true;
    } else if (response_->hasContentLength()) {
        delimited_ = true;
        expected_length_ = static_cast<std::uint64_t>(response_->getContentLength64());
    }
}

StreamingResponse::~StreamingResponse() {
    if (!connection_) return;
    if (ended_ && delimited_ && response_->getKeepAlive()) {
        pool_->giveBack(std::move(connection_));
        return;
    }
    // Unread body, read-until-close framing or "Connection: close": the socket cannot carry
    // another request. Closing it is also what tells the upstream to stop generating.
    try {
        connection_->session->reset();
    } catch (...) {
        // A socket that fails to close is gone either way; a destructor must not throw.
    }
}

std::size_t StreamingResponse::read(char* buffer, std::size_t capacity) {
    if (failure_) throw *failure_;
    if (ended_ || capacity == 0) return 0;
    try {
        // peek() blocks for the first byte only; readsome() then takes what is already buffered.
        if (body_.peek() == std::char_traits<char>::eof()) {
            reachedEnd();
            return 0;
        }
        const auto wanted = static_cast<std::streamsize>(
            std::min<std::size_t>(capacity, static_cast<std::size_t>(std::numeric_limits<std::streamsize>::max())));
        const std::streamsize got = body_.readsome(buffer, wanted);
        received_ += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
    } catch (const Poco::Exception& failure) {
        fail(failure);
    }
}

bool StreamingResponse::hasBufferedBody() const {
    if (ended_ || failure_ || !connection_) return false;
    // The chunked or fixed-length decoder's buffer first, then the raw bytes the session holds.
    // (A partial chunk header there still makes the next read wait; rare, and only delays.)
    return body_.rdbuf()->in_avail() > 0 || SessionBufferProbe::bufferedIn(*connection_->session) > 0;
}

std::string StreamingResponse::readAll() {
    std::string body;
    if (failure_) throw *failure_;
    if (ended_) return body;
    if (expected_length_) {
        if (*expected_length_ > max_body_bytes_) failTooLarge();
        body.reserve(static_cast<std::size_t>(*expected_length_));
    }
    try {
        char chunk[16 * 1024];
        while (body_.read(chunk, sizeof chunk) || body_.gcount() > 0) {
            // Chunked and read-until-close bodies announce no size: count as they arrive.
            if (body.size() + static_cast<std::size_t>(body_.gcount()) > max_body_bytes_) failTooLarge();
            body.append(chunk, static_cast<std::size_t>(body_.gcount()));
            received_ += static_cast<std::uint64_t>(body_.gcount());
            if (body_.eof()) break;
        }
    } catch (const Poco::Exception& failure) {
        fail(failure);
    }
    reachedEnd();
    return body;
}

void StreamingResponse::reachedEnd() {
    // Poco's fixed-length stream ends quietly when the peer closes early; only the count tells.
    // (A chunked body cut short between chunks also ends quietly in Poco 1.11 and cannot be told
    // apart from a complete one here; a reset still surfaces as an error.)
    if (expected_length_ && received_ < *expected_length_) failTruncated();
    ended_ = true;
}

void StreamingResponse::fail(const Poco::Exception& failure) {
    connection_->session->reset();
    failure_ = translateFailure(failure, ExchangePhase::Body, pool_->endpoint(), read_timeout_);
    throw *failure_;
}

void StreamingResponse::failTruncated() {
    connection_->session->reset();
    failure_ = UpstreamError(UpstreamErrorKind::Reset,
                             pool_->endpoint().key() + " closed the connection before the body ended");
    throw *failure_;
}

void StreamingResponse::failTooLarge() {
    // Closing is cheaper than draining a body this size, and tells the upstream to stop sending.
    connection_->session->reset();
    failure_ = UpstreamError(UpstreamErrorKind::TooLarge, "the response body from " + pool_->endpoint().key() +
                                                              " exceeds the limit of " + std::to_string(max_body_bytes_) +
                                                              " bytes");
    throw *failure_;
}

}  // namespace portico::upstream
