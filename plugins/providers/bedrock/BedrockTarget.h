#pragma once
#include <string>
#include <string_view>

namespace portico::bedrock {

/// Where one Converse call goes, split the way signing needs it: the URL the host sends to, the
/// Host header value the host will send (signed, so it must be exact) and the path as sent.
struct BedrockTarget {
    std::string url;
    std::string host;  ///< host[:port], the port only when not the scheme's default (as the host sends it)
    std::string path;  ///< percent-encoded as sent; SigV4 encodes it once more
};

/// The Bedrock model id of a LiteLLM model name after "bedrock/": LiteLLM's route prefix
/// "converse/" is dropped; inference profiles (us.…) and ARNs are ids as they are.
std::string_view modelIdOf(std::string_view model);

/// <base>/model/<model id, one encoded path segment>/<operation>, where base is api_base, else
/// aws_bedrock_runtime_endpoint, else https://bedrock-runtime.<region>.amazonaws.com. The id's ':'
/// and an ARN's '/' are percent-encoded (%3A, %2F): the id is one path segment. Throws
/// PluginError(PORTICO_ERR_INVALID) for a base that is not an absolute http(s) URL.
BedrockTarget targetFor(std::string_view api_base, std::string_view endpoint, std::string_view region,
                        std::string_view model_id, std::string_view operation);

}  // namespace portico::bedrock
