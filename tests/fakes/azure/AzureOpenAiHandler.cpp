#include "azure/AzureOpenAiHandler.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <simdjson.h>

#include <ctime>

#include "JsonText.h"
#include "openai/ChatCompletionsHandler.h"
#include "openai/OpenAiBodies.h"

namespace portico::fakes {
namespace {

constexpr std::string_view kDeploymentsPrefix = "/openai/deployments/";
constexpr int kEmbeddingDimensions = 4;

std::string azureError(std::string_view code, std::string_view message) {
    std::string out = R"({"error":{"code":)";
    appendJsonString(out, code);
    out.append(R"(,"message":)");
    appendJsonString(out, message);
    out.append("}}");
    return out;
}

std::string queryParameter(const std::string& uri, const std::string& name) {
    const auto query = uri.find('?');
    if (query == std::string::npos) return {};
    Poco::Net::HTMLForm form;
    form.read(uri.substr(query + 1));
    return form.get(name, "");
}

/// The request's "input": one string or an array of strings is that many inputs, else 0.
int inputCount(simdjson::dom::element root) {
    simdjson::dom::element input;
    if (root["input"].get(input) != simdjson::SUCCESS) return 0;
    if (input.is_string()) return 1;
    simdjson::dom::array items;
    return input.get_array().get(items) == simdjson::SUCCESS ? static_cast<int>(items.size()) : 0;
}

}  // namespace

std::optional<std::string> AzureOpenAiHandler::operationOf(std::string_view path) {
    if (!path.starts_with(kDeploymentsPrefix)) return std::nullopt;
    const std::string_view rest = path.substr(kDeploymentsPrefix.size());
    const auto slash = rest.find('/');
    if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
    const std::string_view operation = rest.substr(slash + 1);
    if (operation == "chat/completions" || operation == "completions" || operation == "embeddings")
        return std::string(operation);
    return std::nullopt;
}

void AzureOpenAiHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    if (request.get("api-key", "").empty()) {
        state_.requests.fetch_add(1, std::memory_order_relaxed);
        sendJson(response, 401,
                 azureError("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                                   "provide a valid key for an active subscription and use a correct regional API "
                                   "endpoint for your resource."));
        return;
    }
    if (queryParameter(request.getURI(), "api-version").empty()) {
        state_.requests.fetch_add(1, std::memory_order_relaxed);
        sendJson(response, 400, azureError("MissingApiVersionParameter",
                                           "The api-version query parameter (?api-version=) is required for all requests."));
        return;
    }
    if (operation_ == "chat/completions") {
        ChatCompletionsHandler(state_, ChatCompletionsHandler::Auth::CheckedByCaller).handleRequest(request, response);
        return;
    }

    state_.requests.fetch_add(1, std::memory_order_relaxed);
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    auto record = std::make_shared<RecordedRequest>();
    record->method = request.getMethod();
    record->uri = request.getURI();
    for (const auto& [name, value] : request) record->headers.emplace_back(asciiLower(name), value);
    record->body = body;
    state_.record(std::move(record));

    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(body).get(root) != simdjson::SUCCESS || !root.is_object()) {
        sendJson(response, 400, bodies::error("We could not parse the JSON body of your request.", "invalid_request_error", ""));
        return;
    }
    // Azure answers with the deployment's underlying model, not the deployment name.
    const std::string model = operation_ == "embeddings" ? "text-embedding-3-small" : "gpt-35-turbo-instruct";
    const int prompt_tokens = static_cast<int>(body.size() / 4) + 1;
    if (operation_ == "embeddings") {
        const int inputs = inputCount(root);
        if (inputs == 0) {
            sendJson(response, 400, bodies::error("'input' is a required property", "invalid_request_error", ""));
            return;
        }
        sendJson(response, 200, bodies::embeddingList(model, inputs, kEmbeddingDimensions, prompt_tokens));
        return;
    }
    const CompletionIdentity identity{"cmpl-fake" + std::to_string(state_.nextId()),
                                      static_cast<std::int64_t>(std::time(nullptr)), model};
    sendJson(response, 200, bodies::textCompletion(identity, kReplyText, TokenUsage{prompt_tokens, 5}));
}

}  // namespace portico::fakes
