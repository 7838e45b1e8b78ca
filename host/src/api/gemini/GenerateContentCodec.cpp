#include "api/gemini/GenerateContentCodec.h"

#include <Poco/URI.h>

#include "api/gemini/ChatToGemini.h"
#include "api/gemini/GeminiErrors.h"
#include "api/gemini/GeminiStream.h"
#include "api/gemini/GeminiToChat.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

namespace portico::api::gemini {
namespace {

using core::GatewayError;

constexpr std::string_view kModelsPrefix = "/models/";

/// The model and method of `/v1beta/models/{model}:{method}`.
std::pair<std::string, std::string> modelAndMethod(const std::string& uri) {
    const std::string path = Poco::URI(uri).getPath();
    const std::size_t models = path.find(kModelsPrefix);
    const std::size_t colon = path.rfind(':');
    if (models == std::string::npos || colon == std::string::npos || colon < models + kModelsPrefix.size())
        throw GatewayError::notFound("Expected /v1beta/models/{model}:generateContent or :streamGenerateContent");
    std::string model = path.substr(models + kModelsPrefix.size(), colon - models - kModelsPrefix.size());
    if (model.empty()) throw GatewayError::badRequest("The URL names no model", {}, "model");
    return {std::move(model), path.substr(colon + 1)};
}

}  // namespace

pipeline::InboundRequest GenerateContentCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& http) const {
    auto [model, method] = modelAndMethod(http.getURI());
    pipeline::InboundRequest request;
    if (method == "streamGenerateContent") request.stream = true;
    else if (method != "generateContent")
        throw GatewayError::notFound("Method '" + method + "' is not served here (generateContent, streamGenerateContent)");
    request.format = PORTICO_FORMAT_GEMINI;
    request.model = std::move(model);
    {
        pipeline::RequestJson json(body);
        validateGenerateContent(json.root());
    }
    request.body = std::move(body);
    return request;
}

std::string GenerateContentCodec::withModel(const pipeline::InboundRequest& request, std::string_view) const {
    return request.body;
}

std::string GenerateContentCodec::toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object object;
    if (parser->parse(pipeline::paddedView(request.body)).get_object().get(object))
        throw GatewayError::internal("a decoded Gemini body did not parse again");
    return geminiToChat(object, upstream_model, request.stream);
}

std::string GenerateContentCodec::fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const {
    return chatToGemini(chat_completion, request.model);
}

std::unique_ptr<pipeline::StreamEncoder> GenerateContentCodec::chatStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<ChatToGeminiStream>(request.model);
}

std::unique_ptr<pipeline::StreamEncoder> GenerateContentCodec::nativeStream(const pipeline::InboundRequest&) const {
    return std::make_unique<NativeGeminiStream>();
}

std::string GenerateContentCodec::errorBody(const core::GatewayError& error) const { return gemini::errorBody(error); }

}  // namespace portico::api::gemini
