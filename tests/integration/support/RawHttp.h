#pragma once
#include <Poco/Net/StreamSocket.h>

#include <cstddef>
#include <string>

namespace portico::itest {

// Byte-level HTTP for the tests that must send what a well-behaved client library never would
// (a body shorter than its Content-Length, an unparsable request line) or control the socket.

/// A `POST /v1/chat/completions` with the master key, announcing `content_length` bytes and
/// carrying `body` (which may be shorter); `extra_headers` are whole "Name: value\r\n" lines.
std::string rawChatPost(const std::string& body, std::size_t content_length, const std::string& extra_headers = {});

/// Sends all of `bytes` on `socket`.
void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes);

/// Connects to the gateway, sends `bytes` (then closes the sending side when `end_sending`) and
/// returns everything the gateway answers until it closes the connection (15 s receive timeout).
std::string exchangeUntilClosed(int port, const std::string& bytes, bool end_sending);

}  // namespace portico::itest
