#pragma once
#include <Poco/ErrorHandler.h>

#include <atomic>
#include <cstdint>

namespace portico::fakes {

/// Poco prints every connection error (a client RST, a reset we caused) to stderr by default.
/// Under load that is thousands of lines and a syscall each, so the fake counts them instead.
class SilentErrorHandler : public Poco::ErrorHandler {
public:
    void exception(const Poco::Exception&) override { ++errors_; }
    void exception(const std::exception&) override { ++errors_; }
    void exception() override { ++errors_; }

private:
    std::atomic<std::uint64_t> errors_{0};
};

}  // namespace portico::fakes
