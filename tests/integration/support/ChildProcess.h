#pragma once
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::itest {

/// A program the test started: stdout is a pipe read line by line with deadlines (the gateway's
/// readiness and generated-key lines arrive there), stderr goes to an unlinked temp file kept for
/// failure messages. Every wait is bounded, and the destructor always reaps the child (SIGTERM,
/// then SIGKILL), so a failing test never leaves a process behind or hangs the suite. The child
/// also gets SIGKILL if the test process itself dies.
class ChildProcess {
public:
    struct Options {
        std::string program;
        std::vector<std::string> args;
        std::map<std::string, std::string> set_env;  ///< added to / replacing the inherited environment
        std::vector<std::string> unset_env;          ///< removed from it (e.g. PORTICO_MASTER_KEY)
        std::string working_directory = {};          ///< empty = the test's own
    };

    explicit ChildProcess(const Options& options);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }

    /// The next stdout line (without the newline); nullopt on timeout or once stdout is closed.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    /// Reads lines until one starts with `prefix` and returns it; nullopt on timeout or EOF.
    /// Every line read is kept in stdoutLines().
    std::optional<std::string> waitForLine(std::string_view prefix, std::chrono::milliseconds timeout);
    /// Reads stdout to EOF (the child exited or closed it); false if that took longer than timeout.
    bool drainStdout(std::chrono::milliseconds timeout);
    const std::vector<std::string>& stdoutLines() const { return lines_; }

    /// Everything the child wrote to stderr so far.
    std::string stderrText() const;

    void sendSignal(int signal) const;
    /// Exit code, or 128 + signal number if it was killed; nullopt if still running at the deadline.
    std::optional<int> waitForExit(std::chrono::milliseconds timeout);
    bool running();

    /// stdout lines and stderr, for assertion messages.
    std::string describe() const;

private:
    bool fillBuffer(std::chrono::steady_clock::time_point deadline);

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;
    bool stdout_eof_ = false;
    std::string pending_;
    std::vector<std::string> lines_;
    std::optional<int> exit_code_;
    std::string program_;
};

}  // namespace portico::itest
