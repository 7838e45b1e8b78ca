#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <string>
#include <vector>

#include "upstream/UpstreamPool.h"

namespace portico::observe {

/// Everything observers may learn about one request, filled on the request path and published
/// once, when the request ends, as one immutable object shared by every observer queue.
/// Credentials are redacted before anything is stored here.
struct ExchangeRecord {
    std::string request_id;
    std::string model;
    std::string provider;
    uint64_t start_unix_ns = 0;
    uint64_t latency_ns = 0;

    std::string method;
    std::string path;
    upstream::Headers request_headers;
    std::string request_body;

    bool sent_upstream = false;
    uint64_t provider_request_unix_ns = 0;
    std::string provider_method;
    std::string provider_url;
    upstream::Headers provider_headers;
    std::string provider_body;

    bool got_provider_response = false;
    uint64_t provider_response_unix_ns = 0;
    int provider_status = 0;
    std::string provider_response_body;

    int status = 0;
    uint64_t end_unix_ns = 0;
    std::string response_body;
    std::vector<std::string> chunks;  ///< canonical chunks of a stream (provider response and response)
    std::string error_message;
    bool has_usage = false;
    portico_usage usage{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
};

/// Copies headers, replacing credential values (sdk::isSecretHeader) with "[REDACTED]".
upstream::Headers redactHeaders(const upstream::Headers& headers);

}  // namespace portico::observe
