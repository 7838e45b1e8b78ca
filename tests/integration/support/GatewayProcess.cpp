#include "support/GatewayProcess.h"

#include <chrono>
#include <stdexcept>

#include "support/FakeUpstream.h"

namespace portico::itest {

GatewayProcess::GatewayProcess(const TempDir& dir, const std::string& configYaml,
                               std::map<std::string, std::string> env) {
    const auto configPath = dir.writeFile("portico.yaml", configYaml);
    ChildProcess::Options options{PORTICO_BINARY,
                                  {"serve", "--config", configPath.string(), "--host", "127.0.0.1", "--port", "0"},
                                  std::move(env),
                                  {"PORTICO_MASTER_KEY", "PORTICO_CONFIG", "PORTICO_HOST", "PORTICO_PORT"}};
    process_ = std::make_unique<ChildProcess>(options);

    constexpr std::string_view kKeyPrefix = "PORTICO_MASTER_KEY=";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        const auto line = process_->readLine(left.count() > 0 ? left : std::chrono::milliseconds(0));
        if (!line) throw std::runtime_error("portico did not report readiness\n" + process_->describe());
        if (line->starts_with(kKeyPrefix)) {
            generated_key_ = line->substr(kKeyPrefix.size());
        } else if (line->starts_with("listening on ")) {
            port_ = portFromListeningLine(*line);
            return;
        }
    }
}

}  // namespace portico::itest
