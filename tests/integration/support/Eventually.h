#pragma once
#include <chrono>
#include <thread>

namespace portico::itest {

/// Re-checks `condition` until it holds or `timeout` passes, for state that changes
/// asynchronously (an observer's file, the fake's counters). Returns the last result, so a
/// condition that never holds fails the test instead of hanging it.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(interval);
    }
}

}  // namespace portico::itest
