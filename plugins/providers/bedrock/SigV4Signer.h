#pragma once
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::bedrock {

/// AWS credentials. The secret and the session token are never logged or put in messages.
struct AwsCredentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  ///< empty for long-term (IAM user) keys
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// What is signed: the request exactly as it goes on the wire.
struct SigningInput {
    std::string_view method;
    std::string_view path;   ///< as sent, already percent-encoded ("/model/a%3A0/converse")
    std::string_view query;  ///< raw, without '?'; may be empty
    HeaderList headers;      ///< headers to sign besides the ones the signer adds; must include host
    std::string_view body;
};

/// How to sign: the scope and the two switches the SigV4 test suite varies.
struct SigningOptions {
    std::string region;
    std::string service;
    /// Add and sign x-amz-content-sha256 (S3 and the suite's sign_body cases; Bedrock does not need it).
    bool sign_body_hash = false;
};

/// The result: the headers to add to the request (X-Amz-Date, X-Amz-Security-Token,
/// x-amz-content-sha256 as configured, Authorization) and the intermediate texts, which the
/// test-suite comparisons need.
struct SignedRequest {
    HeaderList added_headers;
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;
};

/// AWS Signature Version 4 (header form). `now` is injected so tests can use the suite's time.
/// The canonical URI is the path with dot segments removed and then percent-encoded again (every
/// service but S3 double-encodes), so a model id's ':' sent as %3A is signed as %253A.
SignedRequest signV4(const AwsCredentials& credentials, const SigningOptions& options, const SigningInput& input,
                     std::chrono::system_clock::time_point now);

/// "YYYYMMDDTHHMMSSZ" in UTC, the X-Amz-Date format.
std::string amzDate(std::chrono::system_clock::time_point now);

/// Lower-case hex of SHA-256(data).
std::string sha256Hex(std::string_view data);

/// Percent-encodes every byte outside A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash), upper-case hex.
std::string uriEncode(std::string_view text, bool keep_slash);

}  // namespace portico::bedrock
