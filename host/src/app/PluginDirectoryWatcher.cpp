#include "app/PluginDirectoryWatcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include "core/Log.h"

namespace portico::app {
namespace {

using core::Log;
using Clock = std::chrono::steady_clock;

/// Quiet period after the last event before a scan: one scan for a burst (a package install,
/// a copy closed and reopened), short enough to feel immediate.
constexpr std::chrono::milliseconds kSettleTime{250};

constexpr uint32_t kWatchedEvents =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_DELETE_SELF | IN_ONLYDIR;

bool concernsLibrary(const inotify_event& event) {
    if (event.mask & IN_ISDIR) return (event.mask & (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)) != 0;
    if (event.mask & IN_CREATE) return false;  // being written: wait for IN_CLOSE_WRITE
    if (event.len == 0) return false;
    const std::string_view name(event.name);
    return name.size() > 3 && name.substr(name.size() - 3) == ".so";
}

}  // namespace

PluginDirectoryWatcher::PluginDirectoryWatcher(std::string directory, std::function<void()> on_change)
    : directory_(std::move(directory)), on_change_(std::move(on_change)) {
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (inotify_fd_ < 0 || wake_fd_ < 0) {
        Log::error("plugins", std::string("plugins.watch: cannot watch ") + directory_ + ": " + std::strerror(errno));
        return;
    }
    watchTree();
    Log::info("plugins", "watching " + directory_ + " for libraries added or removed");
    thread_ = std::thread([this] { run(); });
}

PluginDirectoryWatcher::~PluginDirectoryWatcher() {
    if (thread_.joinable()) {
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
        thread_.join();
    }
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

void PluginDirectoryWatcher::watchTree() {
    // Adding a path already watched returns its existing watch, so re-running this is harmless.
    if (::inotify_add_watch(inotify_fd_, directory_.c_str(), kWatchedEvents) < 0)
        Log::warn("plugins", "plugins.watch: cannot watch " + directory_ + ": " + std::strerror(errno));
    std::error_code ec;
    for (std::filesystem::directory_iterator it(directory_, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec)) ::inotify_add_watch(inotify_fd_, it->path().c_str(), kWatchedEvents);
}

bool PluginDirectoryWatcher::readEvents() {
    bool relevant = false;
    alignas(inotify_event) char buffer[16 * 1024];
    while (true) {
        const ssize_t length = ::read(inotify_fd_, buffer, sizeof buffer);
        if (length <= 0) return relevant;  // EAGAIN: all read
        for (ssize_t offset = 0; offset < length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
            // An overflow lost events: rescan to be sure.
            relevant = relevant || (event->mask & IN_Q_OVERFLOW) || concernsLibrary(*event);
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
}

void PluginDirectoryWatcher::run() {
    std::optional<Clock::time_point> settle_at;
    while (true) {
        int timeout_ms = -1;
        if (settle_at) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*settle_at - Clock::now()).count();
            timeout_ms = static_cast<int>(left > 0 ? left : 0);
        }
        pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, timeout_ms);
        if (ready < 0 && errno != EINTR) {
            Log::error("plugins", std::string("plugins.watch stopped: ") + std::strerror(errno));
            return;
        }
        if (fds[1].revents & POLLIN) return;
        if ((fds[0].revents & POLLIN) && readEvents()) settle_at = Clock::now() + kSettleTime;
        if (settle_at && Clock::now() >= *settle_at) {
            settle_at.reset();
            watchTree();  // a subdirectory may have appeared
            on_change_();
        }
    }
}

}  // namespace portico::app
