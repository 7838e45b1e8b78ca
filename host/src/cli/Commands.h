#pragma once
#include "cli/CommandLine.h"

namespace portico::cli {

/// `portico serve`: runs the gateway until SIGTERM/SIGINT. Returns the exit code.
int runServe(const CommandLine& line);
/// `portico plugins inspect FILE.so`: what a plugin declares, or why it would be refused.
int runInspect(const CommandLine& line);

}  // namespace portico::cli
