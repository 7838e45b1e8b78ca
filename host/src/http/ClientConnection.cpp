#include "http/ClientConnection.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace portico::http {
namespace {

/// Above this, a connection's receive buffer is released once it is empty again: a large
/// request must not make an idle connection hold its size for the rest of its life, while the
/// usual small request reuses the buffer without a new allocation.
constexpr std::size_t kRetainedBufferBytes = 4 * 1024;

}  // namespace

int PrefetchedSocketImpl::receiveBytes(void* buffer, int length, int flags) {
    if (consumed_ < received_.size() && length > 0 && (flags & MSG_PEEK) == 0) {
        const std::size_t n = std::min(received_.size() - consumed_, static_cast<std::size_t>(length));
        std::memcpy(buffer, received_.data() + consumed_, n);
        consumed_ += n;
        if (consumed_ == received_.size()) compact();
        return static_cast<int>(n);
    }
    return StreamSocketImpl::receiveBytes(buffer, length, flags);
}

long PrefetchedSocketImpl::receiveAvailable(std::size_t limit) {
    // Received into a stack buffer and appended, so a connection's buffer grows by what arrived
    // only: 10,000 idle connections must not each keep a read-sized buffer.
    char piece[16 * 1024];
    long total = 0;
    while (static_cast<std::size_t>(total) < limit) {
        const ssize_t n = ::recv(sockfd(), piece, sizeof piece, MSG_DONTWAIT);
        if (n > 0) {
            received_.append(piece, static_cast<std::size_t>(n));
            total += n;
            if (static_cast<std::size_t>(n) < sizeof piece) break;  // drained for now
            continue;
        }
        if (n == 0) return total > 0 ? total : 0;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return total > 0 ? total : -1;
        return total > 0 ? total : -2;
    }
    return total;
}

void PrefetchedSocketImpl::putBack(std::string_view bytes) {
    if (bytes.empty()) return;
    received_.erase(0, consumed_);
    consumed_ = 0;
    received_.insert(0, bytes);
}

void PrefetchedSocketImpl::compact() {
    if (consumed_ == received_.size()) {
        received_.clear();
        consumed_ = 0;
        if (received_.capacity() > kRetainedBufferBytes) std::string().swap(received_);
    } else if (consumed_ > 0) {
        received_.erase(0, consumed_);
        consumed_ = 0;
    }
}

ClientConnection::ClientConnection(int fd) : socket(new PrefetchedSocketImpl(fd)) {}

}  // namespace portico::http
