#include "api/openai/ResponsesCodec.h"

#include "api/openai/ResponseObject.h"
#include "api/openai/ResponsesStream.h"
#include "api/openai/ResponsesToChat.h"
#include "core/DuplicateKeys.h"
#include "core/ThreadJsonParser.h"
#include "http/ErrorResponder.h"
#include "pipeline/RequestJson.h"

namespace portico::api::openai {

pipeline::InboundRequest ResponsesCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    pipeline::InboundRequest request;
    request.operation = PORTICO_OP_RESPONSES;
    {
        pipeline::RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        simdjson::dom::element input;
        if (json.root()["input"].get(input) || !(input.is_string() || input.is_array()))
            throw pipeline::invalidField("input", "is required and must be a string or an array of items");
        simdjson::dom::array items;
        if (!input.get_array().get(items)) {
            std::size_t index = 0;
            for (simdjson::dom::element item : items) {
                const std::string where = "input[" + std::to_string(index++) + "]";
                simdjson::dom::object fields;
                if (item.get_object().get(fields)) throw pipeline::invalidField(where, "must be an object");
                if (const auto key = core::findDuplicateKey(fields)) throw core::duplicateKeyError(*key, where);
            }
        }
        request.stream = json.optionalBool("stream");
    }
    request.body = std::move(body);
    return request;
}

std::string ResponsesCodec::toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object object;
    if (parser->parse(pipeline::paddedView(request.body)).get_object().get(object))
        throw core::GatewayError::internal("a decoded Responses body did not parse again");
    return responsesToChat(object, upstream_model);
}

std::string ResponsesCodec::fromChat(std::string chat_completion, const pipeline::InboundRequest& request) const {
    return response_object::fromChat(chat_completion, request.model);
}

std::unique_ptr<pipeline::StreamEncoder> ResponsesCodec::chatStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<ChatToResponsesStream>(request.model);
}

std::unique_ptr<pipeline::StreamEncoder> ResponsesCodec::nativeStream(const pipeline::InboundRequest&) const {
    return std::make_unique<NativeResponsesStream>();
}

std::string ResponsesCodec::errorBody(const core::GatewayError& error) const { return http::ErrorResponder::body(error); }

}  // namespace portico::api::openai
