#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace portico::upstream {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct UpstreamRequest {
    std::string method = "POST";
    std::string url;  ///< absolute http:// or https:// URL
    Headers headers;
    std::string body;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds read_timeout{600'000};  ///< longest wait for any byte
    /// Largest response body readAll() accepts: a broken or hostile upstream must not be able to
    /// grow the process without bound. Streams read with read() are not capped in total.
    std::size_t max_body_bytes = std::size_t{64} << 20;
};

struct UpstreamResponse {
    int status = 0;
    Headers headers;
    std::string body;
};

enum class UpstreamErrorKind { Connect, Timeout, Tls, Reset, Protocol, TooLarge };

/// The upstream could not be reached or did not answer in time. The message never holds secrets.
class UpstreamError : public std::runtime_error {
public:
    UpstreamError(UpstreamErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    UpstreamErrorKind kind() const { return kind_; }

private:
    UpstreamErrorKind kind_;
};

/// A response whose body is read as it arrives (SSE). Destroying it before the body ended
/// closes the connection (it cannot be reused); after the end it goes back to the pool.
class UpstreamStream {
public:
    virtual ~UpstreamStream() = default;
    virtual int status() const = 0;
    virtual const Headers& headers() const = 0;
    /// Blocks until at least one byte, the end of the body, or the read timeout.
    /// Returns 0 at the end of the body. Throws UpstreamError (Timeout, Reset).
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
    /// True when body bytes are already buffered, so the next read() returns without waiting on
    /// the socket. A relay sends its client what it has just before a read that may wait.
    virtual bool hasBufferedBody() const { return false; }
    /// The rest of the body, waiting for its end. Throws UpstreamError (TooLarge past the
    /// request's max_body_bytes, Timeout, Reset).
    virtual std::string readAll() = 0;
    /// The request's max_body_bytes. A caller that holds pieces of a stream itself (one SSE event
    /// until it ends) holds at most this much.
    virtual std::size_t maxBodyBytes() const = 0;
};

struct PoolOptions {
    std::size_t max_idle_per_endpoint = 256;
    std::chrono::seconds idle_timeout{8};  ///< below typical upstream idle timeouts
    std::string ca_file;                   ///< empty = system CAs (/etc/ssl/certs)
    bool verify_tls = true;
};

/// Keep-alive connections per scheme://host:port, shared by all request threads.
/// HTTPS verifies certificates and host names unless verify_tls is false.
/// A request that fails on a reused connection before any response byte is retried once on a
/// fresh connection (the upstream closed it while idle).
/// Thread-safe: send() and open() may run on any number of threads at once; each endpoint has its
/// own lock and no lock is held during network I/O. A returned UpstreamStream is read by one thread.
class UpstreamPool {
public:
    /// Throws UpstreamError(Tls) when options.ca_file cannot be loaded.
    explicit UpstreamPool(PoolOptions options = {});
    ~UpstreamPool();
    UpstreamPool(const UpstreamPool&) = delete;
    UpstreamPool& operator=(const UpstreamPool&) = delete;

    /// Sends the request and reads the whole response (at most request.max_body_bytes).
    /// Throws UpstreamError.
    UpstreamResponse send(const UpstreamRequest& request);
    /// Sends the request and returns once the status line and headers arrived. Throws UpstreamError.
    std::unique_ptr<UpstreamStream> open(const UpstreamRequest& request);

    /// Idle pooled connections across endpoints (for tests and metrics).
    std::size_t idleConnections() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;  // streams hold their endpoint's idle list, so they may outlive the pool
};

}  // namespace portico::upstream
