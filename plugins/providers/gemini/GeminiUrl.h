#pragma once
#include <string>
#include <string_view>

namespace portico::gemini {

/// Where Google AI Studio answers when the deployment sets no api_base.
inline constexpr std::string_view kDefaultApiBase = "https://generativelanguage.googleapis.com";

/// "models/<model>", the resource name Gemini bodies use (batchEmbedContents requests). A model
/// already written as "models/x" is not prefixed twice.
std::string modelResource(std::string_view model);

/// <api_base>/v1beta/models/<model>:<method>, plus "?alt=sse" for a stream. The API version is
/// appended unless the base already ends in one (/v1beta, /v1), so both spellings of api_base
/// work. The model is percent-encoded: it sits in a path segment. The key never goes in the URL
/// (it is the x-goog-api-key header), so URLs are safe to log.
std::string methodUrl(std::string_view api_base, std::string_view model, std::string_view method, bool sse);

}  // namespace portico::gemini
