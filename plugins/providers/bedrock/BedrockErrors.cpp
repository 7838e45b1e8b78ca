#include "BedrockErrors.h"

#include <simdjson.h>

#include <array>
#include <cctype>
#include <utility>

#include "common/AbiBarrier.h"
#include "common/UpstreamError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;
using plugin_common::classifyUpstreamError;
using plugin_common::retryAfterMs;
using plugin_common::view;
using plugin_common::detail::containsFolded;

bool equalsFolded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

/// wire-formats.md §11.7 (the Smithy model's error traits).
constexpr std::array<std::pair<std::string_view, int32_t>, 13> kExceptionStatus{{
    {"ValidationException", 400},
    {"ServiceQuotaExceededException", 400},
    {"ConflictException", 400},
    {"AccessDeniedException", 403},
    {"UnrecognizedClientException", 403},
    {"ResourceNotFoundException", 404},
    {"ModelTimeoutException", 408},
    {"ModelErrorException", 424},
    {"ModelStreamErrorException", 424},
    {"ThrottlingException", 429},
    {"ModelNotReadyException", 429},
    {"InternalServerException", 500},
    {"ServiceUnavailableException", 503},
}};

struct ErrorBody {
    std::string type;
    std::string message;
    bool json = false;
};

ErrorBody readErrorBody(std::string_view body) {
    ErrorBody out;
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) return out;
    out.json = true;
    for (const auto field : root) {
        std::string_view text;
        if (field.value.get_string().get(text) != simdjson::SUCCESS) continue;
        if (field.key == "message" || field.key == "Message") out.message = std::string(text);
        else if ((field.key == "__type" || field.key == "code") && out.type.empty()) out.type = std::string(text);
    }
    return out;
}

/// AWS's front layer refuses a credential it cannot use (unknown key, bad signature, expired
/// token) with 403; clients of an OpenAI-shaped API expect 401 authentication_error for that, as
/// LiteLLM reports it, and keep 403 permission_error for a valid identity that lacks access
/// (AccessDeniedException: no IAM permission or no model access).
bool isCredentialFailure(std::string_view type, std::string_view message) {
    for (const std::string_view name : {"UnrecognizedClientException", "InvalidSignatureException",
                                        "IncompleteSignatureException", "MissingAuthenticationTokenException",
                                        "ExpiredTokenException", "InvalidClientTokenId"})
        if (equalsFolded(type, name)) return true;
    return containsFolded(message, "signature we calculated does not match") ||
           containsFolded(message, "security token included in the request is invalid") ||
           containsFolded(message, "signature expired");
}

/// Bedrock words a too-long prompt in a ValidationException in several ways ("Input is too long
/// for requested model", "prompt is too long", "too many input tokens", "expected maxLength");
/// the shared classifier knows the common phrasings, these are Bedrock's own.
bool isContextWindow(std::string_view type, std::string_view message) {
    if (!equalsFolded(type, "ValidationException")) return false;
    return containsFolded(message, "too long") || containsFolded(message, "too many input tokens") ||
           containsFolded(message, "expected maxlength");
}

PluginError classified(int32_t http_status, std::string_view type, const std::string& message,
                       const portico_header* headers, size_t header_count) {
    int32_t error_class = classifyUpstreamError(http_status, message, type);
    if (isCredentialFailure(type, message)) {
        http_status = 401;
        error_class = PORTICO_ERROR_CLASS_AUTHENTICATION;
    } else if (isContextWindow(type, message)) {
        error_class = PORTICO_ERROR_CLASS_CONTEXT_WINDOW;
    }
    return PluginError(PORTICO_ERR_UPSTREAM, http_status, message, error_class, retryAfterMs(headers, header_count));
}

std::string describe(std::string_view type, std::string_view message) {
    std::string text = "bedrock";
    if (!type.empty()) text.append(" ").append(type);
    return text.append(": ").append(message);
}

}  // namespace

std::string_view headerValue(const portico_header* headers, size_t count, std::string_view name) {
    for (size_t i = 0; headers && i < count; ++i)
        if (equalsFolded(view(headers[i].name), name)) return view(headers[i].value);
    return {};
}

std::string_view normalizedErrorType(std::string_view raw) {
    raw = raw.substr(0, raw.find(':'));
    if (const auto hash = raw.find('#'); hash != std::string_view::npos) raw.remove_prefix(hash + 1);
    return raw;
}

int32_t statusOfException(std::string_view name) {
    for (const auto& [known, status] : kExceptionStatus)
        if (equalsFolded(known, name)) return status;
    return 0;
}

void throwUpstreamError(int32_t http_status, std::string_view body, const portico_header* headers, size_t header_count) {
    const ErrorBody parsed = readErrorBody(body);
    std::string_view type = normalizedErrorType(headerValue(headers, header_count, "x-amzn-errortype"));
    if (type.empty()) type = normalizedErrorType(parsed.type);
    std::string message = parsed.message;
    if (message.empty())
        message = parsed.json ? "upstream returned HTTP " + std::to_string(http_status)
                              : "upstream returned HTTP " + std::to_string(http_status) + " with a body that is not JSON";
    throw classified(http_status, type, describe(type, message), headers, header_count);
}

void throwStreamException(std::string_view exception_type, std::string_view payload) {
    const std::string_view type = normalizedErrorType(exception_type);
    const int32_t known = statusOfException(type);
    const ErrorBody parsed = readErrorBody(payload);
    const std::string message = parsed.message.empty() ? "the stream failed" : parsed.message;
    throw classified(known ? known : 502, type, describe(type, message), nullptr, 0);
}

}  // namespace portico::bedrock
