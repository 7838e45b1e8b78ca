#include "RequestRecording.h"

#include <Poco/StreamCopier.h>

#include <memory>

#include "JsonText.h"

namespace portico::fakes {

std::string readAndRecord(Poco::Net::HTTPServerRequest& request, FakeState& state) {
    state.requests.fetch_add(1, std::memory_order_relaxed);
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    auto record = std::make_shared<RecordedRequest>();
    record->method = request.getMethod();
    record->uri = request.getURI();
    for (const auto& [name, value] : request) record->headers.emplace_back(asciiLower(name), value);
    record->body = body;
    state.record(std::move(record));
    return body;
}

}  // namespace portico::fakes
