#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace portico::itest {

struct CommandResult {
    int exit_code = -1;  ///< 128 + signal if killed; -1 if it had to be killed at the deadline
    std::string out;     ///< stdout, lines joined with '\n'
    std::string err;
};

/// Runs a short-lived command (e.g. `portico plugins inspect`) to completion within `timeout`.
CommandResult runCommand(const std::string& program, const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// The same, started in `working_directory` (relative arguments are resolved there).
CommandResult runCommandIn(const std::string& working_directory, const std::string& program,
                           const std::vector<std::string>& args,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace portico::itest
