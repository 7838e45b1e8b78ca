#pragma once
#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "upstream/Connection.h"
#include "upstream/Endpoint.h"
#include "upstream/EndpointPool.h"
#include "upstream/UpstreamPool.h"

namespace portico::upstream {

/// An upstream response whose status and headers arrived and whose body is read on demand.
/// It owns the connection until it is destroyed: the connection goes back to its EndpointPool only
/// when the body was read to its end and both sides allow keep-alive; otherwise the socket is
/// closed, which is how an abandoned stream (client gone) releases the upstream.
/// Not thread-safe: one thread reads it at a time.
class StreamingResponse final : public UpstreamStream {
public:
    StreamingResponse(std::shared_ptr<EndpointPool> pool, std::unique_ptr<Connection> connection,
                      std::unique_ptr<Poco::Net::HTTPResponse> response, std::istream& body, bool head_request,
                      std::chrono::milliseconds read_timeout, std::size_t max_body_bytes);
    ~StreamingResponse() override;
    StreamingResponse(const StreamingResponse&) = delete;
    StreamingResponse& operator=(const StreamingResponse&) = delete;

    int status() const override { return status_; }
    const Headers& headers() const override { return headers_; }
    /// Uses peek() + readsome(): istream::read(buffer, n) would wait for n bytes and hold back a
    /// stream's tokens until the buffer filled. A capacity of 0 returns 0 without reading.
    std::size_t read(char* buffer, std::size_t capacity) override;
    /// Bytes in the body stream's buffer or the session's (no system call).
    bool hasBufferedBody() const override;
    /// A Content-Length over the cap fails before a byte is read; otherwise the read stops as soon
    /// as the body passes it. Either way the connection is closed, not drained.
    std::string readAll() override;
    std::size_t maxBodyBytes() const override { return max_body_bytes_; }

private:
    /// Checks that a Content-Length body was not cut short, then marks the body complete.
    void reachedEnd();
    /// Closes the connection and throws the translated error (also for every later read).
    [[noreturn]] void fail(const Poco::Exception& failure);
    [[noreturn]] void failTruncated();
    [[noreturn]] void failTooLarge();

    std::shared_ptr<EndpointPool> pool_;
    std::unique_ptr<Connection> connection_;
    std::unique_ptr<Poco::Net::HTTPResponse> response_;
    std::istream& body_;
    std::chrono::milliseconds read_timeout_;
    std::size_t max_body_bytes_;
    int status_;
    Headers headers_;
    std::optional<std::uint64_t> expected_length_;  ///< Content-Length, when the body is framed by it
    bool delimited_;                                ///< the body's end is known without the socket closing
    std::uint64_t received_ = 0;
    bool ended_ = false;
    std::optional<UpstreamError> failure_;
};

}  // namespace portico::upstream
