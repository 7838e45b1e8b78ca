#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>
#include <vector>

#include "OpenAiOperation.h"

namespace portico::openai {

/// Where a service of the OpenAI wire format lives and how it wants to be authenticated: the one
/// thing that differs between api.openai.com (and every compatible server) and Azure OpenAI, which
/// share bodies, streams and errors. Implementations are immutable after construction, because
/// calls arrive concurrently.
class UpstreamTarget {
public:
    struct Header {
        std::string name;
        std::string value;
    };

    virtual ~UpstreamTarget() = default;

    /// The absolute URL of `operation` for this call (from call.api_base and call.model).
    virtual std::string url(const portico_call& call, const OperationTraits& operation) const = 0;
    /// The credential and service-specific headers; Content-Type and Accept are the caller's.
    virtual std::vector<Header> headers(const portico_call& call) const = 0;
};

/// `base` without its trailing slashes, then `path`.
std::string joinUrl(std::string_view base, std::string_view path);

}  // namespace portico::openai
