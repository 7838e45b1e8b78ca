#pragma once

#include <portico/plugin.h>

#include <dlfcn.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::test {

/// A host side for loading real plugin .so files in unit tests, without the gateway: it
/// implements the portico_host_api table, records what plugins log, serves config keys a test
/// sets, and refuses side HTTP requests so a unit test never reaches the network.
class TestHost {
public:
    /// One line a plugin logged.
    struct LogLine {
        int32_t level;
        std::string message;
    };

    TestHost() {
        api_.struct_size = sizeof(api_);
        api_.log = &TestHost::log;
        api_.log_enabled = &TestHost::logEnabled;
        api_.now_unix_ns = &TestHost::nowUnixNs;
        api_.monotonic_ns = &TestHost::monotonicNs;
        api_.config_get = &TestHost::configGet;
        api_.http_request = &TestHost::httpRequest;
        host_.struct_size = sizeof(host_);
        host_.abi_major = PORTICO_ABI_MAJOR;
        host_.abi_minor = PORTICO_ABI_MINOR;
        host_.host_version = PORTICO_STR("portico-test-host");
        host_.handle = this;
        host_.api = &api_;
    }
    TestHost(const TestHost&) = delete;
    TestHost& operator=(const TestHost&) = delete;

    const portico_host* host() const { return &host_; }

    /// Pretends to be a host of another ABI major, to see a plugin refuse it.
    void setAbiMajor(uint16_t major) { host_.abi_major = major; }

    /// Makes config_get(key) answer `json` (a JSON text, strings quoted).
    void setConfigValue(std::string key, std::string json) {
        std::lock_guard lock(mutex_);
        config_[std::move(key)] = std::move(json);
    }

    std::vector<LogLine> logLines() const {
        std::lock_guard lock(mutex_);
        return log_;
    }

private:
    static TestHost& self(void* handle) { return *static_cast<TestHost*>(handle); }

    static void log(void* handle, int32_t level, portico_str message) {
        TestHost& host = self(handle);
        std::lock_guard lock(host.mutex_);
        host.log_.push_back({level, std::string(message.ptr, message.len)});
    }

    static int32_t logEnabled(void*, int32_t) { return 1; }

    static uint64_t nowUnixNs(void*) {
        return static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count());
    }

    static uint64_t monotonicNs(void*) {
        return static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
                .count());
    }

    static portico_status configGet(void* handle, portico_str key, portico_writer* out) {
        TestHost& host = self(handle);
        std::string value;
        {
            std::lock_guard lock(host.mutex_);
            const auto found = host.config_.find(std::string(key.ptr, key.len));
            if (found == host.config_.end()) return PORTICO_ERR_INVALID;
            value = found->second;
        }
        return out->write(out->ctx, portico_str{value.data(), value.size()});
    }

    static portico_status httpRequest(void*, const portico_http_request*, int32_t*, portico_writer*,
                                      portico_error* err) {
        constexpr std::string_view kMessage = "the unit-test host makes no HTTP requests";
        return portico_error_set(err, PORTICO_ERR_UPSTREAM, 0, kMessage.data(), kMessage.size());
    }

    portico_host_api api_{};
    portico_host host_{};
    mutable std::mutex mutex_;
    std::vector<LogLine> log_;
    std::map<std::string, std::string> config_;
};

/// A host-owned portico_error with room for a message, as the host passes to every call.
struct ErrorBuffer {
    ErrorBuffer() {
        error.struct_size = sizeof(error);
        error.message = text;
        error.message_cap = sizeof(text);
    }
    ErrorBuffer(const ErrorBuffer&) = delete;
    ErrorBuffer& operator=(const ErrorBuffer&) = delete;

    std::string message() const { return std::string(text, error.message_len); }

    char text[1024] = {};
    portico_error error{};
};

/// One plugin .so loaded the way the gateway loads it (dlopen RTLD_NOW | RTLD_LOCAL, then
/// portico_plugin_init). Unloaded when destroyed; destroy every instance first.
class LoadedPlugin {
public:
    LoadedPlugin(const std::string& path, const TestHost& host) {
        library_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!library_) throw std::runtime_error("dlopen " + path + ": " + ::dlerror());
        auto init = reinterpret_cast<portico_plugin_init_fn>(::dlsym(library_, PORTICO_PLUGIN_INIT_SYMBOL));
        if (!init) {
            ::dlclose(library_);
            throw std::runtime_error(path + " does not export " PORTICO_PLUGIN_INIT_SYMBOL);
        }
        init_status_ = init(host.host(), &descriptor_);
    }
    ~LoadedPlugin() {
        if (library_) ::dlclose(library_);
    }
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    portico_status initStatus() const { return init_status_; }
    const portico_plugin_descriptor& descriptor() const { return *descriptor_; }
    std::string_view name() const { return {descriptor_->name.ptr, descriptor_->name.len}; }

    /// The descriptor's vtable as the kind's type, e.g. vtable<portico_guardrail_vtable>().
    template <typename Vtable>
    const Vtable& vtable() const {
        return *static_cast<const Vtable*>(descriptor_->vtable);
    }

private:
    void* library_ = nullptr;
    const portico_plugin_descriptor* descriptor_ = nullptr;
    portico_status init_status_ = PORTICO_ERR_INTERNAL;
};

/// A portico_str over a std::string_view, for arguments the plugin only borrows.
inline portico_str borrow(std::string_view text) { return portico_str{text.data(), text.size()}; }

}  // namespace portico::test
