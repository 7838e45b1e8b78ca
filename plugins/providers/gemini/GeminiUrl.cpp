#include "GeminiUrl.h"

namespace portico::gemini {
namespace {

constexpr std::string_view kModelsPrefix = "models/";

std::string_view bareModel(std::string_view model) {
    return model.starts_with(kModelsPrefix) ? model.substr(kModelsPrefix.size()) : model;
}

bool unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

void appendEncoded(std::string& out, std::string_view segment) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : segment) {
        if (unreserved(c)) {
            out.push_back(c);
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        out.push_back('%');
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0f]);
    }
}

}  // namespace

std::string modelResource(std::string_view model) {
    return std::string(kModelsPrefix) + std::string(bareModel(model));
}

std::string methodUrl(std::string_view api_base, std::string_view model, std::string_view method, bool sse) {
    std::string_view base = api_base.empty() ? kDefaultApiBase : api_base;
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    std::string url(base);
    if (!base.ends_with("/v1beta") && !base.ends_with("/v1")) url.append("/v1beta");
    url.append("/").append(kModelsPrefix);
    appendEncoded(url, bareModel(model));
    url.append(":").append(method);
    if (sse) url.append("?alt=sse");
    return url;
}

}  // namespace portico::gemini
