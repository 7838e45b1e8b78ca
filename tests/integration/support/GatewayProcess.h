#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "support/ChildProcess.h"
#include "support/TempDir.h"

namespace portico::itest {

/// The real `portico serve` on a free port, with the given config written to <dir>/portico.yaml.
/// Construction returns once the process printed its readiness line, so tests never guess with
/// sleeps. The inherited PORTICO_* variables are removed so the developer's shell cannot change
/// what a test sees; pass them in `env` to test them.
class GatewayProcess {
public:
    GatewayProcess(const TempDir& dir, const std::string& configYaml, std::map<std::string, std::string> env = {});

    int port() const { return port_; }
    /// The key from a `PORTICO_MASTER_KEY=` line printed before readiness, if any.
    const std::optional<std::string>& generatedMasterKey() const { return generated_key_; }
    ChildProcess& process() { return *process_; }
    std::string describe() const { return process_->describe(); }

private:
    std::unique_ptr<ChildProcess> process_;
    int port_ = 0;
    std::optional<std::string> generated_key_;
};

}  // namespace portico::itest
