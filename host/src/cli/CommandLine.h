#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace portico::cli {

/// argv split into positional words and --options (`--name value` or `--name=value`;
/// `--help` and `--version` are flags). Throws std::invalid_argument for a malformed option.
class CommandLine {
public:
    CommandLine(int argc, char** argv, const std::vector<std::string>& value_options);

    const std::vector<std::string>& words() const { return words_; }
    std::optional<std::string> option(const std::string& name) const;
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }

private:
    std::vector<std::string> words_;
    std::map<std::string, std::string> options_;
    std::map<std::string, bool> flags_;
};

/// The environment variable if set and non-empty, else the fallback.
std::string envOr(const char* env, const std::string& fallback);

/// The first of: the option, the environment variable, the fallback.
std::string optionOrEnv(const CommandLine& line, const std::string& option, const char* env, const std::string& fallback);

}  // namespace portico::cli
