#pragma once
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace portico::http {

/// Reads a request body up to `limit` bytes. Refuses with 413 before reading when the declared
/// Content-Length is over the limit, and stops reading a chunked body as soon as it is.
/// Throws 408 when the client stops sending before the body is complete (timeout, reset, or a
/// connection closed short of Content-Length).
/// The returned string has capacity for simdjson's padding, so it parses without a copy.
std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);

/// Reads and drops whatever of the body is still unread (nothing once readBody has run), so that
/// a request refused early (a bad key, say) leaves no bytes behind on a kept-alive connection for
/// the next request to be parsed from. False when more than `limit` bytes remain or the body
/// could not be read to its end: the caller closes the connection instead.
bool discardUnreadBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);

}  // namespace portico::http
