#pragma once
#include <string_view>

namespace portico::core {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

/// Process-wide leveled logger writing single lines to stderr. Lines are written with one
/// write() so concurrent threads never interleave within a line. Never pass secrets.
class Log {
public:
    static void setLevel(LogLevel level);
    static bool enabled(LogLevel level);
    static void write(LogLevel level, std::string_view component, std::string_view message);

    static void debug(std::string_view component, std::string_view message) { write(LogLevel::Debug, component, message); }
    static void info(std::string_view component, std::string_view message) { write(LogLevel::Info, component, message); }
    static void warn(std::string_view component, std::string_view message) { write(LogLevel::Warn, component, message); }
    static void error(std::string_view component, std::string_view message) { write(LogLevel::Error, component, message); }
};

/// Parses "debug", "info", "warn", "error"; anything else is Info.
LogLevel parseLogLevel(std::string_view name);

}  // namespace portico::core
