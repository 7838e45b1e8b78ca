#pragma once
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace portico::http {

/// Reads a request body up to `limit` bytes. Refuses with 413 before reading when the declared
/// Content-Length is over the limit, and stops reading a chunked body as soon as it is.
/// The returned string has capacity for simdjson's padding, so it parses without a copy.
std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);

}  // namespace portico::http
