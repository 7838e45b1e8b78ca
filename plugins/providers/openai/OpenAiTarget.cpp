#include "OpenAiTarget.h"

#include "ConfigJson.h"
#include "common/AbiBarrier.h"

namespace portico::openai {

using plugin_common::view;

std::string joinUrl(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    std::string url;
    url.reserve(base.size() + path.size());
    url.append(base).append(path);
    return url;
}

OpenAiTarget::OpenAiTarget(std::string_view config_json)
    : organization_(configString(config_json, "organization", "openai").value_or("")) {}

std::string OpenAiTarget::url(const portico_call& call, const OperationTraits& operation) const {
    const std::string_view base = view(call.api_base);
    return joinUrl(base.empty() ? kDefaultApiBase : base, operation.path);
}

std::vector<UpstreamTarget::Header> OpenAiTarget::headers(const portico_call& call) const {
    std::vector<Header> headers;
    // Local servers (Ollama, LM Studio, vLLM without --api-key) take no key: send none then.
    if (call.api_key.len > 0) headers.push_back({"Authorization", "Bearer " + std::string(view(call.api_key))});
    if (!organization_.empty()) headers.push_back({"OpenAI-Organization", organization_});
    return headers;
}

}  // namespace portico::openai
