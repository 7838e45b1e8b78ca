#include "gemini/GeminiHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <simdjson.h>

#include <memory>

#include "JsonText.h"
#include "gemini/GeminiBehavior.h"
#include "gemini/GeminiBodies.h"
#include "openai/ChatCompletionsHandler.h"  // sendJson

namespace portico::fakes::gemini {
namespace {

constexpr std::string_view kPrefix = "/v1beta/models/";

struct Target {
    std::string model, method, query;
};

Target targetOf(const std::string& uri) {
    const size_t question = uri.find('?');
    const std::string_view path = std::string_view(uri).substr(0, question);
    Target target;
    if (question != std::string::npos) target.query = uri.substr(question + 1);
    const std::string_view rest = path.substr(kPrefix.size());
    const size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) return target;
    target.model = std::string(rest.substr(0, colon));
    target.method = std::string(rest.substr(colon + 1));
    return target;
}

std::string queryValue(const std::string& query, std::string_view name) {
    size_t at = 0;
    while (at <= query.size()) {
        const size_t end = std::min(query.find('&', at), query.size());
        const std::string_view pair = std::string_view(query).substr(at, end - at);
        if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        at = end + 1;
    }
    return {};
}

void sendError(Poco::Net::HTTPServerResponse& response, int code, std::string_view message, std::string_view reason = {}) {
    if (code == 429) response.set("Retry-After", "1");
    sendJson(response, code, bodies::error(code, message, bodies::statusName(code), reason));
}

/// Google checks the key before the body: 403 without one, 400 API_KEY_INVALID for a bad one.
bool authorized(const Poco::Net::HTTPServerRequest& request, const Target& target, Poco::Net::HTTPServerResponse& response) {
    std::string key = request.get("x-goog-api-key", "");
    if (key.empty()) key = queryValue(target.query, "key");
    if (key.empty()) {
        sendError(response, 403,
                  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key "
                  "or other form of API consumer identity to call this API.");
        return false;
    }
    if (key == "sk-bad") {
        sendError(response, 400, "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        return false;
    }
    return true;
}

/// contents[]: non-empty, roles only user/model, parts non-empty. Returns an error message or "".
std::string invalidContents(simdjson::dom::element body) {
    simdjson::dom::array contents;
    if (body["contents"].get_array().get(contents) != simdjson::SUCCESS || contents.size() == 0)
        return "* GenerateContentRequest.contents: contents is not specified\n";
    for (simdjson::dom::element content : contents) {
        std::string_view role;
        if (content["role"].get_string().get(role) == simdjson::SUCCESS && role != "user" && role != "model")
            return "Please use a valid role: user, model.";
        simdjson::dom::array parts;
        if (content["parts"].get_array().get(parts) != simdjson::SUCCESS || parts.size() == 0)
            return "* GenerateContentRequest.contents.parts: contents.parts must not be empty.\n";
    }
    return {};
}

std::string firstFunctionName(simdjson::dom::element body) {
    std::string_view name;
    if (body["tools"].at(0)["functionDeclarations"].at(0)["name"].get_string().get(name) == simdjson::SUCCESS)
        return std::string(name);
    return "get_weather";
}

void sendStream(Poco::Net::HTTPServerResponse& response, const std::vector<std::string>& events, bool sse, FakeState& state) {
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setChunkedTransferEncoding(true);
    response.setContentType(sse ? "text/event-stream" : "application/json");
    std::ostream& out = response.send();
    // Without alt=sse the real API streams one JSON array, its elements separated by ",\r\n".
    if (!sse) out << "[";
    for (size_t i = 0; i < events.size(); ++i) {
        if (sse) out << "data: " << events[i] << "\r\n\r\n";
        else out << (i ? ",\r\n" : "") << events[i];
        out.flush();
        if (!out.good()) {
            state.streams_aborted.fetch_add(1, std::memory_order_relaxed);
            return;
        }
    }
    if (!sse) out << "]";
    out.flush();
    state.streams_completed.fetch_add(1, std::memory_order_relaxed);
}

void generate(const Target& target, simdjson::dom::element body, size_t body_size, Poco::Net::HTTPServerResponse& response,
              FakeState& state) {
    if (const std::string problem = invalidContents(body); !problem.empty()) return sendError(response, 400, problem);
    const GeminiBehavior behavior = GeminiBehavior::fromModel(target.model);
    const int prompt = static_cast<int>(body_size / 4) + 1;
    const bool stream = target.method == "streamGenerateContent";
    std::vector<std::string> events;
    switch (behavior.kind) {
    case GeminiBehavior::Kind::Error:
        return sendError(response, behavior.status, "fake gemini error " + std::to_string(behavior.status));
    case GeminiBehavior::Kind::Tool:
        events.push_back(bodies::response(bodies::functionCallPart(firstFunctionName(body)), "STOP", prompt, 7, true));
        break;
    case GeminiBehavior::Kind::Safety:
        events.push_back(bodies::response("", "SAFETY", prompt, 0, true));
        break;
    case GeminiBehavior::Kind::Blocked:
        events.push_back(bodies::blockedPrompt(prompt));
        break;
    case GeminiBehavior::Kind::StreamCut:
        if (!stream) return sendError(response, 500, "An internal error has occurred.");
        events.push_back(bodies::response(bodies::textPart("Hello"), "", prompt, 1, true));
        break;
    case GeminiBehavior::Kind::Normal:
        if (!stream) {
            events.push_back(bodies::response(bodies::textPart(kGeminiReplyText), "STOP", prompt, 5, true));
        } else {
            events.push_back(bodies::response(bodies::textPart("Hello "), "", prompt, 1, true));
            events.push_back(bodies::response(bodies::textPart("from fake "), "", prompt, 3, true));
            events.push_back(bodies::response(bodies::textPart("gemini"), "STOP", prompt, 5, true));
        }
        break;
    }
    if (!stream) return sendJson(response, 200, events.front());
    sendStream(response, events, queryValue(target.query, "alt") == "sse", state);
}

int dimensionsOf(simdjson::dom::element request) {
    int64_t dimensions = 0;
    return request["outputDimensionality"].get_int64().get(dimensions) == simdjson::SUCCESS && dimensions > 0 &&
                   dimensions <= 3072
               ? static_cast<int>(dimensions)
               : 8;
}

void embed(const Target& target, simdjson::dom::element body, Poco::Net::HTTPServerResponse& response) {
    if (target.method == "embedContent") {
        simdjson::dom::array parts;
        if (body["content"]["parts"].get_array().get(parts) != simdjson::SUCCESS || parts.size() == 0)
            return sendError(response, 400, "* EmbedContentRequest.content: contents is not specified\n");
        return sendJson(response, 200, bodies::embedding(dimensionsOf(body), 1));
    }
    simdjson::dom::array requests;
    if (body["requests"].get_array().get(requests) != simdjson::SUCCESS || requests.size() == 0)
        return sendError(response, 400, "* BatchEmbedContentsRequest.requests: requests is not specified\n");
    for (simdjson::dom::element request : requests) {
        std::string_view model;
        if (request["model"].get_string().get(model) != simdjson::SUCCESS || model != "models/" + target.model)
            return sendError(response, 400, "Model names in the batch must match the model in the URL.");
    }
    sendJson(response, 200, bodies::batchEmbeddings(static_cast<int>(requests.size()), dimensionsOf(requests.at(0).value())));
}

std::string readBody(Poco::Net::HTTPServerRequest& request) {
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    return body;
}

void record(FakeState& state, const Poco::Net::HTTPServerRequest& request, const std::string& body) {
    auto recorded = std::make_shared<RecordedRequest>();
    recorded->method = request.getMethod();
    recorded->uri = request.getURI();
    for (const auto& [name, value] : request) recorded->headers.emplace_back(asciiLower(name), value);
    recorded->body = body;
    state.record(std::move(recorded));
}

}  // namespace

bool GeminiHandler::claims(std::string_view method, std::string_view path) {
    return method == "POST" && path.starts_with(kPrefix);
}

void GeminiHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    state_.requests.fetch_add(1, std::memory_order_relaxed);
    const std::string body = readBody(request);
    record(state_, request, body);
    const Target target = targetOf(request.getURI());
    if (!authorized(request, target, response)) return;
    const bool chat = target.method == "generateContent" || target.method == "streamGenerateContent";
    const bool embeddings = target.method == "embedContent" || target.method == "batchEmbedContents";
    if (target.model.empty() || (!chat && !embeddings))
        return sendError(response, 404, "Method not found: " + target.method);
    simdjson::dom::parser parser;
    simdjson::dom::element parsed;
    if (parser.parse(body).get(parsed) != simdjson::SUCCESS || !parsed.is_object())
        return sendError(response, 400, "Invalid JSON payload received.");
    if (chat) generate(target, parsed, body.size(), response, state_);
    else embed(target, parsed, response);
}

}  // namespace portico::fakes::gemini
