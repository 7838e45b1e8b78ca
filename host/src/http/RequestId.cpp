#include "http/RequestId.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <random>

namespace portico::http {
namespace {

uint64_t processPrefix() {
    static const uint64_t prefix = [] {
        std::random_device device;
        return (static_cast<uint64_t>(device()) << 32) ^ device();
    }();
    return prefix;
}

bool acceptable(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    for (const char c : id)
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
    return true;
}

}  // namespace

std::string requestIdFor(std::string_view client_supplied) {
    if (acceptable(client_supplied)) return std::string(client_supplied);
    static std::atomic<uint32_t> next_thread_slot{0};
    thread_local const uint32_t thread_slot = next_thread_slot.fetch_add(1, std::memory_order_relaxed);
    thread_local uint64_t counter = 0;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "req-%012llx%04x%08llx",
                  static_cast<unsigned long long>(processPrefix() & 0xffffffffffffULL), thread_slot & 0xffff,
                  static_cast<unsigned long long>(++counter & 0xffffffffULL));
    return buffer;
}

}  // namespace portico::http
