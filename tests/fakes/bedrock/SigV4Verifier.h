#pragma once
#include <Poco/Net/HTTPServerRequest.h>

#include <string>

namespace portico::fakes::bedrock {

/// The credentials the fake knows (the AWS SigV4 test suite's example pair); integration tests
/// configure the gateway with them.
inline constexpr const char* kAccessKeyId = "AKIDEXAMPLE";
inline constexpr const char* kSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// Bedrock API keys start with ABSK; the fake accepts this one as Authorization: Bearer.
inline constexpr const char* kApiKey = "ABSKZmFrZS1iZWRyb2NrLWtleQ==";

/// Why a request's authentication is refused, as Bedrock's front layer says it (status 403).
struct AuthFailure {
    std::string error_type;  ///< x-amzn-ErrorType
    std::string message;
};

/// Checks the Authorization header: a Bearer API key, or SigV4 whose shape is
/// `AWS4-HMAC-SHA256 Credential=<AKID>/<yyyymmdd>/<region>/bedrock/aws4_request,
/// SignedHeaders=<;-list incl. host and x-amz-date>, Signature=<64 hex>`, recomputed here (OpenSSL,
/// independent of the plugin's SHA-256) from the method, the raw path as received (encoded once
/// more, as every service but S3 does), the signed headers' values and the body. Returns an
/// empty error_type when the request may pass.
AuthFailure verifyAuthorization(const Poco::Net::HTTPServerRequest& request, const std::string& body);

}  // namespace portico::fakes::bedrock
