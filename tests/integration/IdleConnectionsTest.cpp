// Idle keep-alive connections and slowly trickled request heads cost the gateway no thread: with
// 10,000 of the first and 3,000 of the second open, another client is served at once.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/GatewayTest.h"

namespace portico::itest {
namespace {

constexpr int kIdleConnections = 10'000;
constexpr int kTricklingConnections = 3'000;
constexpr int kMaxThreads = 64;
/// Threads beyond the request threads: main, the poller, the control thread, observer queues.
constexpr int kOtherThreads = 16;
constexpr rlim_t kDescriptorsNeeded = kIdleConnections + kTricklingConnections + 1024;

/// Both this process and the gateway (which inherits the limit) hold one descriptor per connection.
void raiseDescriptorLimit() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_max < kDescriptorsNeeded) limit.rlim_max = kDescriptorsNeeded;  // allowed when root
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < kDescriptorsNeeded)
        throw std::runtime_error("this test needs ulimit -n >= " + std::to_string(kDescriptorsNeeded) + ", have " +
                                 std::to_string(limit.rlim_cur));
}

/// A plain blocking socket with a receive timeout: 13,000 of them need to stay cheap.
class RawConnection {
public:
    explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket() failed");
        timeval timeout{10, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("connect() failed: " + std::to_string(errno));
    }
    RawConnection(RawConnection&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    RawConnection(const RawConnection&) = delete;
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }

    bool send(const std::string& bytes) const {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    /// One whole response (its head and Content-Length body), or what came before the peer closed.
    std::string receiveResponse() const {
        std::string answer;
        char buffer[2048];
        for (;;) {
            const std::size_t head_end = answer.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                const std::size_t at = answer.find("Content-Length: ");
                const std::size_t length = at == std::string::npos ? 0 : std::stoul(answer.substr(at + 16));
                if (answer.size() >= head_end + 4 + length) return answer;
            }
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return answer;
            answer.append(buffer, static_cast<std::size_t>(n));
        }
    }

private:
    int fd_;
};

const std::string kLivelinessRequest = "GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/// A field of /proc/<pid>/status, e.g. "Threads" or "VmRSS" (in kB).
long procStatus(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
    return -1;
}

class IdleConnectionsTest : public GatewayTest {
protected:
    void SetUp() override {
        raiseDescriptorLimit();  // before the gateway starts, so it inherits the limit
        GatewayTest::SetUp();
    }
    void adjustConfig(TestConfig& config) override {
        config.server_extra = ", max_threads: " + std::to_string(kMaxThreads) +
                              ", min_threads: 4, keep_alive_timeout_s: 300, header_timeout_s: 300, max_connections: 20000";
    }
};

TEST_F(IdleConnectionsTest, TenThousandIdleAndThreeThousandTricklingConnectionsDoNotDelayOtherClients) {
    const pid_t gateway = gateway_->process().pid();
    // Idle keep-alive connections, as an SDK's pool leaves them: each served one request.
    std::vector<RawConnection> idle;
    idle.reserve(kIdleConnections);
    for (int i = 0; i < kIdleConnections; ++i) {
        idle.emplace_back(port());
        ASSERT_TRUE(idle.back().send(kLivelinessRequest));
    }
    for (const RawConnection& connection : idle) ASSERT_TRUE(connection.receiveResponse().starts_with("HTTP/1.1 200 "));

    // Connections that trickle a request head and never finish it.
    std::vector<RawConnection> trickling;
    trickling.reserve(kTricklingConnections);
    for (int i = 0; i < kTricklingConnections; ++i) {
        trickling.emplace_back(port());
        ASSERT_TRUE(trickling.back().send("GET /health HTTP/1.1\r\nHost: x\r\n"));
    }
    std::atomic<bool> done{false};
    std::thread trickler([&] {
        while (!done) {
            for (const RawConnection& connection : trickling) connection.send("X");
            for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });

    // Meanwhile, a normal client.
    std::vector<double> latencies_ms;
    for (int i = 0; i < 200; ++i) {
        const auto started = std::chrono::steady_clock::now();
        const auto response = httpGet(port(), "/health/liveliness");
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        ASSERT_EQ(response.status, 200) << response.describe();
    }
    const long threads = procStatus(gateway, "Threads");
    const long rss_kb = procStatus(gateway, "VmRSS");
    done = true;
    trickler.join();

    std::sort(latencies_ms.begin(), latencies_ms.end());
    const double p50 = latencies_ms[latencies_ms.size() / 2];
    const double p99 = latencies_ms[latencies_ms.size() * 99 / 100];
    std::cout << "open: " << kIdleConnections << " idle + " << kTricklingConnections << " trickling; gateway threads "
              << threads << ", RSS " << rss_kb / 1024 << " MiB; other client p50 " << p50 << " ms, p99 " << p99 << " ms\n";
    RecordProperty("gateway_threads", static_cast<int>(threads));
    RecordProperty("gateway_rss_kb", static_cast<int>(rss_kb));
    RecordProperty("p99_us", static_cast<int>(p99 * 1000));
    EXPECT_LT(p99, 50.0);
    EXPECT_GT(threads, 0);
    EXPECT_LE(threads, kMaxThreads + kOtherThreads);

    // The idle connections were kept, not dropped: one of them is still served.
    ASSERT_TRUE(idle[kIdleConnections / 2].send(kLivelinessRequest));
    EXPECT_TRUE(idle[kIdleConnections / 2].receiveResponse().starts_with("HTTP/1.1 200 "));
}

}  // namespace
}  // namespace portico::itest
