#include "AzureTarget.h"

#include <cstdlib>

#include "ConfigJson.h"
#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::azure {
namespace {

using plugin_common::PluginError;
using plugin_common::view;

/// Percent-encodes everything but RFC 3986 unreserved characters: a deployment name is one path
/// segment and must not smuggle in a '/', '?' or '#'.
std::string pathSegment(std::string_view text) {
    constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
        }
    }
    return out;
}

std::string chosenApiVersion(std::string_view config_json) {
    if (auto configured = openai::configString(config_json, "api_version", "azure"); configured && !configured->empty())
        return *configured;
    if (const char* env = std::getenv("AZURE_API_VERSION"); env && *env) return env;
    return std::string(AzureTarget::kDefaultApiVersion);
}

}  // namespace

AzureTarget::AzureTarget(std::string_view config_json) : api_version_(chosenApiVersion(config_json)) {
    // LiteLLM reads AZURE_API_BASE itself when api_base is absent; here the config names it
    // (api_base: os.environ/AZURE_API_BASE), so a deployment without one is refused up front.
    if (openai::configString(config_json, "api_base", "azure").value_or("").empty())
        throw PluginError(PORTICO_ERR_INVALID, 0,
                          "azure: api_base is required (https://<resource>.openai.azure.com, or os.environ/AZURE_API_BASE)");
}

std::string AzureTarget::url(const portico_call& call, const openai::OperationTraits& operation) const {
    const std::string_view base = view(call.api_base);
    if (operation.operation == PORTICO_OP_RESPONSES) return openai::joinUrl(base, "/openai/v1/responses");
    if (call.model.len == 0) throw PluginError(PORTICO_ERR_INVALID, 400, "azure: no deployment name (model: azure/<deployment>)");
    std::string path = "/openai/deployments/" + pathSegment(view(call.model));
    path.append(operation.path).append("?api-version=").append(pathSegment(api_version_));
    return openai::joinUrl(base, path);
}

std::vector<openai::UpstreamTarget::Header> AzureTarget::headers(const portico_call& call) const {
    std::vector<Header> headers;
    if (call.api_key.len > 0) headers.push_back({"api-key", std::string(view(call.api_key))});
    return headers;
}

}  // namespace portico::azure
