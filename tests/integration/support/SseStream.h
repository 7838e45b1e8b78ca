#pragma once
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace portico::itest {

/// A streamed chat request read one SSE event at a time, so a test can stop mid-stream (client
/// disconnect) or check framing. Reads are bounded by the session's receive timeout.
class SseStream {
public:
    SseStream(int port, const std::string& body, const std::string& bearer,
              std::chrono::milliseconds timeout = std::chrono::seconds(15));

    int status() const { return static_cast<int>(response_.getStatus()); }
    const std::string& reason() const { return response_.getReason(); }
    std::string header(const std::string& name) const { return response_.get(name, ""); }

    /// The data of the next event (multi-line data joined with '\n'); nullopt at end of body.
    std::optional<std::string> nextData();
    /// All remaining events' data, up to the end of the body.
    std::vector<std::string> readAll();
    /// The rest of the body as it is; for a non-200 answer, which is JSON, not SSE.
    std::string rest();
    /// Closes the socket without reading further, like a client that went away.
    void disconnect();

private:
    Poco::Net::HTTPClientSession session_;
    Poco::Net::HTTPResponse response_;
    std::istream* body_ = nullptr;
};

}  // namespace portico::itest
