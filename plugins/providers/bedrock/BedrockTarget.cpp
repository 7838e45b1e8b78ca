#include "BedrockTarget.h"

#include <algorithm>

#include "SigV4Signer.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

constexpr std::string_view kConversePrefix = "converse/";

/// "host:443" for https (":80" for http) is sent without the port, as the host's Endpoint does.
std::string hostHeader(std::string_view authority, bool secure) {
    const std::size_t bracket = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket))
        return std::string(authority);
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port == (secure ? "443" : "80")) return std::string(authority.substr(0, colon));
    return std::string(authority);
}

}  // namespace

std::string_view modelIdOf(std::string_view model) {
    return model.starts_with(kConversePrefix) ? model.substr(kConversePrefix.size()) : model;
}

BedrockTarget targetFor(std::string_view api_base, std::string_view endpoint, std::string_view region,
                        std::string_view model_id, std::string_view operation) {
    std::string base(!api_base.empty() ? api_base : endpoint);
    if (base.empty()) base = "https://bedrock-runtime." + std::string(region) + ".amazonaws.com";
    while (!base.empty() && base.back() == '/') base.pop_back();

    const bool secure = base.starts_with("https://");
    if (!secure && !base.starts_with("http://"))
        throw PluginError(PORTICO_ERR_INVALID, 0, "bedrock: the endpoint must be an http(s) URL");
    const std::size_t authority_start = base.find("://") + 3;
    const std::size_t path_start = std::min(base.find_first_of("/?#", authority_start), base.size());
    if (path_start == authority_start) throw PluginError(PORTICO_ERR_INVALID, 0, "bedrock: the endpoint has no host");
    if (path_start < base.size() && base[path_start] != '/')
        throw PluginError(PORTICO_ERR_INVALID, 0, "bedrock: the endpoint must not carry a query or fragment");

    BedrockTarget target;
    target.host = hostHeader(std::string_view(base).substr(authority_start, path_start - authority_start), secure);
    target.path = base.substr(path_start) + "/model/" + uriEncode(model_id, false) + "/" + std::string(operation);
    target.url = base.substr(0, path_start) + target.path;
    return target;
}

}  // namespace portico::bedrock
