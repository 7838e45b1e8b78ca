#include "cli/CommandLine.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace portico::cli {

CommandLine::CommandLine(int argc, char** argv, const std::vector<std::string>& value_options) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            words_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const bool takes_value = std::find(value_options.begin(), value_options.end(), name) != value_options.end();
        if (!takes_value) {
            if (value) throw std::invalid_argument("option --" + name + " takes no value");
            if (name != "help" && name != "version") throw std::invalid_argument("unknown option --" + name);
            flags_[name] = true;
            continue;
        }
        if (!value) {
            if (i + 1 >= argc) throw std::invalid_argument("option --" + name + " needs a value");
            value = argv[++i];
        }
        options_[name] = *value;
    }
}

std::optional<std::string> CommandLine::option(const std::string& name) const {
    const auto it = options_.find(name);
    return it == options_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string envOr(const char* env, const std::string& fallback) {
    const char* value = std::getenv(env);
    return value && *value ? std::string(value) : fallback;
}

std::string optionOrEnv(const CommandLine& line, const std::string& option, const char* env, const std::string& fallback) {
    if (auto value = line.option(option)) return *value;
    return envOr(env, fallback);
}

}  // namespace portico::cli
