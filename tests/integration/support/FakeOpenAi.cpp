#include "support/FakeOpenAi.h"

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

FakeOpenAi::FakeOpenAi() {
    process_ = std::make_unique<ChildProcess>(ChildProcess::Options{FAKE_OPENAI_BINARY, {"--port", "0"}, {}, {}});
    const auto line = process_->waitForLine("listening on ", std::chrono::seconds(30));
    if (!line) throw std::runtime_error("fake_openai did not start\n" + process_->describe());
    port_ = portFromListeningLine(*line);
}

std::string FakeOpenAi::apiBase() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

Poco::JSON::Object::Ptr FakeOpenAi::stats() const { return httpGet(port_, "/stats").json(); }

std::string FakeOpenAi::statsText() const { return httpGet(port_, "/stats").body; }

long FakeOpenAi::stat(const std::string& name) const { return stats()->getValue<long>(name); }

Poco::JSON::Object::Ptr FakeOpenAi::lastRequest() const { return httpGet(port_, "/last-request").json(); }

}  // namespace portico::itest
