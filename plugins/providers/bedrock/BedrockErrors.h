#pragma once
#include <portico/plugin.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace portico::bedrock {

/// Bedrock's error names, however they are spelled: `ValidationException:http://internal...`
/// from X-Amzn-ErrorType, `com.amazon.coral#ThrottlingException` from a body's __type, or the
/// lowerCamel member name of a stream exception frame. Cut at the first ':', keep what follows
/// the first '#'.
std::string_view normalizedErrorType(std::string_view raw);

/// The HTTP status Bedrock documents for an exception name (case-insensitive), for exception
/// frames that arrive inside a 200 stream; 0 for a name it does not list.
int32_t statusOfException(std::string_view name);

/// Throws the PluginError (PORTICO_ERR_UPSTREAM, classed by plugin_common::classifyUpstreamError)
/// for a non-2xx Bedrock answer: the error name from X-Amzn-ErrorType or the body's __type/code,
/// the message from the body's message/Message. Two Bedrock refinements: a credential AWS cannot
/// use (bad key or signature, expired token) becomes 401 AUTHENTICATION, and a ValidationException
/// about a too-long input becomes CONTEXT_WINDOW. A body that is not JSON (an HTML page from a
/// proxy) keeps the status and says so. Messages carry no request headers, so no credential can
/// leak into them.
[[noreturn]] void throwUpstreamError(int32_t http_status, std::string_view body, const portico_header* headers,
                                     size_t header_count);

/// Throws for an exception frame of a stream: `:exception-type` and the payload's message.
[[noreturn]] void throwStreamException(std::string_view exception_type, std::string_view payload);

/// The value of a response header (case-insensitive name), empty if absent.
std::string_view headerValue(const portico_header* headers, size_t count, std::string_view name);

}  // namespace portico::bedrock
