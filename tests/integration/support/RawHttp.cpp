#include "support/RawHttp.h"

#include <Poco/Net/SocketAddress.h>

#include "support/TestConfig.h"

namespace portico::itest {

std::string rawChatPost(const std::string& body, std::size_t content_length, const std::string& extra_headers) {
    return std::string("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n") + "Authorization: Bearer " +
           kMasterKey + "\r\nContent-Type: application/json\r\n" + extra_headers +
           "Content-Length: " + std::to_string(content_length) + "\r\n\r\n" + body;
}

void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();)
        sent += static_cast<std::size_t>(socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

std::string exchangeUntilClosed(int port, const std::string& bytes, bool end_sending) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    socket.setReceiveTimeout(Poco::Timespan(15, 0));
    sendAll(socket, bytes);
    if (end_sending) socket.shutdownSend();
    std::string answer;
    char buffer[4096];
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    return answer;
}

}  // namespace portico::itest
