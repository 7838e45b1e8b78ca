#include "support/FakeUpstream.h"

#include <stdexcept>

#include "support/Http.h"

namespace portico::itest {

int portFromListeningLine(const std::string& line) {
    const auto colon = line.rfind(':');
    if (!line.starts_with("listening on http://") || colon == std::string::npos) {
        throw std::runtime_error("not a listening line: " + line);
    }
    const int port = std::stoi(line.substr(colon + 1));
    if (port <= 0 || port > 65535) throw std::runtime_error("bad port in: " + line);
    return port;
}

FakeUpstream::FakeUpstream() {
    process_ = std::make_unique<ChildProcess>(ChildProcess::Options{FAKE_UPSTREAM_BINARY, {"--port", "0"}, {}, {}});
    const auto line = process_->waitForLine("listening on ", std::chrono::seconds(30));
    if (!line) throw std::runtime_error("fake_upstream did not start\n" + process_->describe());
    port_ = portFromListeningLine(*line);
}

std::string FakeUpstream::apiBase() const { return baseUrl() + "/v1"; }

std::string FakeUpstream::baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

Poco::JSON::Object::Ptr FakeUpstream::stats() const { return httpGet(port_, "/stats").json(); }

std::string FakeUpstream::statsText() const { return httpGet(port_, "/stats").body; }

long FakeUpstream::stat(const std::string& name) const { return stats()->getValue<long>(name); }

Poco::JSON::Object::Ptr FakeUpstream::lastRequest() const { return httpGet(port_, "/last-request").json(); }

}  // namespace portico::itest
