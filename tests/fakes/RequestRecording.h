#pragma once
#include <Poco/Net/HTTPServerRequest.h>

#include <string>

#include "FakeState.h"

namespace portico::fakes {

/// Reads an API request's whole body and records it (method, URI, lower-cased headers, body) as
/// the fake's last request, counting it: the first thing every provider handler does, so tests
/// can see what the gateway sent even when the handler then refuses it.
std::string readAndRecord(Poco::Net::HTTPServerRequest& request, FakeState& state);

}  // namespace portico::fakes
