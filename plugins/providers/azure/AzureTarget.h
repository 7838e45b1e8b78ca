#pragma once
#include <string>
#include <string_view>

#include "UpstreamTarget.h"

namespace portico::azure {

/// Azure OpenAI: the OpenAI wire format at other URLs with another credential header.
///   chat, completions, embeddings: <api_base>/openai/deployments/<deployment><path>?api-version=V
///   responses:                     <api_base>/openai/v1/responses (the v1 API, no api-version;
///                                  the body's "model" is the deployment name)
/// The deployment is the model after `azure/` (portico_call.model); the key goes in `api-key`.
class AzureTarget final : public openai::UpstreamTarget {
public:
    /// The latest GA api-version of the classic data-plane API (Microsoft Learn, API version
    /// lifecycle); a deployment's `api_version` or AZURE_API_VERSION overrides it.
    static constexpr std::string_view kDefaultApiVersion = "2024-10-21";

    /// Reads `api_base` (required: https://<resource>.openai.azure.com) and `api_version` (else
    /// the environment's AZURE_API_VERSION, else kDefaultApiVersion) from the deployment's config.
    /// Throws PluginError(PORTICO_ERR_INVALID) when api_base is missing or a value is no string.
    explicit AzureTarget(std::string_view config_json);

    std::string url(const portico_call& call, const openai::OperationTraits& operation) const override;
    std::vector<Header> headers(const portico_call& call) const override;

    const std::string& apiVersion() const { return api_version_; }

private:
    std::string api_version_;
};

}  // namespace portico::azure
