#pragma once
#include <string>
#include <string_view>

#include "UpstreamTarget.h"

namespace portico::openai {

/// api.openai.com or any OpenAI-compatible server (vLLM, Ollama, Groq, ...): `<api_base><path>`,
/// `Authorization: Bearer <api_key>`, and OpenAI-Organization when the deployment names one.
class OpenAiTarget final : public UpstreamTarget {
public:
    static constexpr std::string_view kDefaultApiBase = "https://api.openai.com/v1";

    /// Reads the optional `organization` string from the deployment's config object. Throws
    /// PluginError(PORTICO_ERR_INVALID) when it is present but not a string.
    explicit OpenAiTarget(std::string_view config_json);

    std::string url(const portico_call& call, const OperationTraits& operation) const override;
    std::vector<Header> headers(const portico_call& call) const override;

private:
    std::string organization_;
};

}  // namespace portico::openai
