#pragma once
// Small helpers for tests that call an UpstreamPool against a LocalHttpServer.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "upstream/UpstreamPool.h"

namespace portico::testsupport {

/// A GET with timeouts short enough to keep a failing test bounded.
inline upstream::UpstreamRequest getRequest(const std::string& url) {
    using namespace std::chrono_literals;
    upstream::UpstreamRequest request;
    request.method = "GET";
    request.url = url;
    request.connect_timeout = 2s;
    request.read_timeout = 4s;
    return request;
}

/// Runs `call`, expecting an UpstreamError, and returns it (records a failure when none came).
template <typename Call>
upstream::UpstreamError upstreamErrorFrom(Call&& call) {
    try {
        call();
    } catch (const upstream::UpstreamError& error) {
        return error;
    }
    ADD_FAILURE() << "no UpstreamError thrown";
    return upstream::UpstreamError(upstream::UpstreamErrorKind::Protocol, "no error");
}

/// Reads a stream to its end.
inline std::string readToEnd(upstream::UpstreamStream& stream) {
    std::string all;
    char buffer[256];
    while (std::size_t n = stream.read(buffer, sizeof buffer)) all.append(buffer, n);
    return all;
}

}  // namespace portico::testsupport
