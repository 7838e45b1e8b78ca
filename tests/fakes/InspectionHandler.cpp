#include "InspectionHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <ctime>
#include <string>

#include "openai/ChatCompletionsHandler.h"
#include "JsonText.h"
#include "openai/OpenAiBodies.h"

namespace portico::fakes {

void InspectionHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) {
    const std::string& path = request.getURI();
    const bool get = request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET;
    if (get && path == "/v1/models") {
        state_.requests.fetch_add(1, std::memory_order_relaxed);
        sendJson(response, 200, bodies::modelList(static_cast<std::int64_t>(std::time(nullptr))));
    } else if (get && path == "/stats") {
        sendJson(response, 200, stats());
    } else if (get && path == "/last-request") {
        sendJson(response, 200, lastRequest());
    } else {
        sendJson(response, 404,
                 bodies::error("Unknown request URL: " + request.getMethod() + " " + path + ".",
                               "invalid_request_error", "unknown_url"));
    }
}

std::string InspectionHandler::stats() const {
    const auto load = [](const auto& counter) { return std::to_string(counter.load(std::memory_order_relaxed)); };
    const std::int64_t others = state_.open_connections.load(std::memory_order_relaxed) - 1;
    std::string out = R"({"requests":)" + load(state_.requests);
    out.append(R"(,"open_connections":)").append(std::to_string(others < 0 ? 0 : others));
    out.append(R"(,"closed_connections":)").append(load(state_.closed_connections));
    out.append(R"(,"streams_completed":)").append(load(state_.streams_completed));
    out.append(R"(,"streams_aborted":)").append(load(state_.streams_aborted));
    out.append("}");
    return out;
}

std::string InspectionHandler::lastRequest() const {
    const auto record = state_.lastRequest();
    if (!record) return "{}";
    std::string out = R"({"method":)";
    appendJsonString(out, record->method);
    out.append(R"(,"uri":)");
    appendJsonString(out, record->uri);
    out.append(R"(,"headers":{)");
    bool first = true;
    for (const auto& [name, value] : record->headers) {
        if (!first) out.append(",");
        first = false;
        appendJsonString(out, name);
        out.append(":");
        appendJsonString(out, value);
    }
    out.append(R"(},"body":)");
    appendJsonString(out, record->body);
    out.append("}");
    return out;
}

}  // namespace portico::fakes
