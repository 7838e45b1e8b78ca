#include "support/ChildProcess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <thread>

extern char** environ;

namespace portico::itest {

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void throwErrno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

/// The inherited environment with the test's changes applied, as NAME=VALUE strings.
std::vector<std::string> buildEnvironment(const ChildProcess::Options& options) {
    std::map<std::string, std::string> env;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string_view text(*entry);
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        env[std::string(text.substr(0, eq))] = std::string(text.substr(eq + 1));
    }
    for (const auto& name : options.unset_env) env.erase(name);
    for (const auto& [name, value] : options.set_env) env[name] = value;
    std::vector<std::string> result;
    result.reserve(env.size());
    for (const auto& [name, value] : env) result.push_back(name + "=" + value);
    return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    result.reserve(strings.size() + 1);
    for (auto& s : strings) result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

int remainingMs(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

ChildProcess::ChildProcess(const Options& options) : program_(options.program) {
    std::vector<std::string> argvStrings{options.program};
    argvStrings.insert(argvStrings.end(), options.args.begin(), options.args.end());
    std::vector<std::string> envStrings = buildEnvironment(options);
    std::vector<char*> argv = pointers(argvStrings);
    std::vector<char*> envp = pointers(envStrings);
    const std::string& workingDirectory = options.working_directory;

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throwErrno("pipe2");
    std::FILE* err = std::tmpfile();
    if (err == nullptr) {
        ::close(out[0]);
        ::close(out[1]);
        throwErrno("tmpfile");
    }
    stderr_fd_ = ::fcntl(::fileno(err), F_DUPFD_CLOEXEC, 3);
    std::fclose(err);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();

    pid_ = ::fork();
    if (pid_ < 0) throwErrno("fork");
    if (pid_ == 0) {
        // Child: only async-signal-safe calls from here to exec.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);  // the test died before prctl took effect
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        ::dup2(devNull, 0);
        ::dup2(out[1], 1);
        ::dup2(stderr_fd_, 2);
        if (!workingDirectory.empty() && ::chdir(workingDirectory.c_str()) != 0) ::_exit(127);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(devNull);
    stdout_fd_ = out[0];
}

ChildProcess::~ChildProcess() {
    if (running()) {
        sendSignal(SIGTERM);
        if (!waitForExit(std::chrono::seconds(10))) {
            sendSignal(SIGKILL);
            waitForExit(std::chrono::seconds(10));
        }
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

bool ChildProcess::fillBuffer(Clock::time_point deadline) {
    if (stdout_eof_) return false;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, remainingMs(deadline));
    if (ready < 0) {
        if (errno == EINTR) return true;
        throwErrno("poll");
    }
    if (ready == 0) return false;  // deadline
    char buffer[4096];
    const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) return true;
        throwErrno("read");
    }
    if (n == 0) {
        stdout_eof_ = true;
        return false;
    }
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
}

std::optional<std::string> ChildProcess::readLine(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const auto newline = pending_.find('\n');
        if (newline != std::string::npos) {
            std::string line = pending_.substr(0, newline);
            pending_.erase(0, newline + 1);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines_.push_back(line);
            return line;
        }
        if (stdout_eof_) {
            if (pending_.empty()) return std::nullopt;
            std::string line = std::move(pending_);
            pending_.clear();
            lines_.push_back(line);
            return line;
        }
        if (!fillBuffer(deadline) && !stdout_eof_) return std::nullopt;
    }
}

std::optional<std::string> ChildProcess::waitForLine(std::string_view prefix, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        auto line = readLine(std::chrono::milliseconds(remainingMs(deadline)));
        if (!line) return std::nullopt;
        if (line->starts_with(prefix)) return line;
    }
}

bool ChildProcess::drainStdout(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (readLine(std::chrono::milliseconds(remainingMs(deadline)))) {
    }
    return stdout_eof_;
}

std::string ChildProcess::stderrText() const {
    std::string text;
    char buffer[8192];
    off_t offset = 0;
    while (true) {
        const ssize_t n = ::pread(stderr_fd_, buffer, sizeof buffer, offset);
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        offset += n;
    }
    return text;
}

void ChildProcess::sendSignal(int signal) const {
    if (pid_ > 0 && !exit_code_) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::waitForExit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!exit_code_) {
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (done < 0 && errno != EINTR) throwErrno("waitpid");
        if (Clock::now() >= deadline) return std::nullopt;
        // No pidfd in every kernel we run on; a short poll interval bounds the cost.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return exit_code_;
}

bool ChildProcess::running() { return pid_ > 0 && !waitForExit(std::chrono::milliseconds(0)); }

std::string ChildProcess::describe() const {
    std::string text = program_ + " stdout:\n";
    for (const auto& line : lines_) text.append("  ").append(line).append("\n");
    text.append(program_).append(" stderr:\n").append(stderrText());
    return text;
}

}  // namespace portico::itest
