#pragma once
#include <string>

namespace portico::plugins {

/// Why the file at `path` is not a complete ELF shared object, or empty when it is one as far as
/// its headers tell. dlopen maps segments without checking the file reaches their end, so a
/// library still being copied would load and then kill the process with SIGBUS on first touch.
std::string incompleteElfReason(const std::string& path);

}  // namespace portico::plugins
