#include "support/RunCommand.h"

#include "support/ChildProcess.h"

namespace portico::itest {

CommandResult runCommand(const std::string& program, const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout) {
    return runCommandIn({}, program, args, timeout);
}

CommandResult runCommandIn(const std::string& working_directory, const std::string& program,
                           const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    ChildProcess child(ChildProcess::Options{program, args, {}, {}, working_directory});
    CommandResult result;
    const auto start = std::chrono::steady_clock::now();
    child.drainStdout(timeout);
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    const auto code = child.waitForExit(spent < timeout ? timeout - spent : std::chrono::milliseconds(0));
    result.exit_code = code ? *code : -1;  // the destructor kills a child that overran
    for (const auto& line : child.stdoutLines()) {
        if (!result.out.empty()) result.out.push_back('\n');
        result.out.append(line);
    }
    result.err = child.stderrText();
    return result;
}

}  // namespace portico::itest
