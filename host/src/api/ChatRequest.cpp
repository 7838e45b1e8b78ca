#include "api/ChatRequest.h"

#include <simdjson.h>

#include "api/DuplicateKeys.h"
#include "core/GatewayError.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"

namespace portico::api {
namespace {

using core::GatewayError;

simdjson::padded_string_view paddedView(const std::string& body) {
    return simdjson::padded_string_view(body.data(), body.size(), body.capacity());
}

/// Our readers reserve the padding; bodies from elsewhere (a guardrail rewrite) may not have it.
void ensurePadding(std::string& body) {
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
}

}  // namespace

ChatRequest parseChatRequest(std::string body) {
    ensurePadding(body);
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::element root;
    if (const auto error = parser->parse(paddedView(body)).get(root))
        throw GatewayError::badRequest(std::string("Request body is not valid JSON: ") + simdjson::error_message(error));
    simdjson::dom::object object;
    if (root.get_object().get(object)) throw GatewayError::badRequest("Request body must be a JSON object");
    if (const auto key = findDuplicateKey(object)) throw duplicateKeyError(*key);

    ChatRequest request;
    std::string_view model;
    if (object["model"].get_string().get(model) || model.empty())
        throw GatewayError::badRequest("'model' is required and must be a non-empty string", {}, "model");
    simdjson::dom::array messages;
    if (object["messages"].get_array().get(messages))
        throw GatewayError::badRequest("'messages' is required and must be an array", {}, "messages");
    if (messages.size() == 0) throw GatewayError::badRequest("'messages' must not be empty", {}, "messages");
    std::size_t index = 0;
    for (simdjson::dom::element message : messages) {
        const auto where = [index] { return "messages[" + std::to_string(index) + "]"; };
        simdjson::dom::object fields;
        std::string_view role;
        if (message.get_object().get(fields) || fields["role"].get_string().get(role))
            throw GatewayError::badRequest(where() + ".role is required and must be a string", {}, "messages");
        // Guardrails and observers read a message's fields too ("role", "content"): one
        // occurrence checked, another served would bypass them just as at the top level.
        if (const auto key = findDuplicateKey(fields)) throw duplicateKeyError(*key, where());
        ++index;
    }
    simdjson::dom::element stream;
    if (!object["stream"].get(stream) && !stream.is_null()) {
        if (!stream.is_bool()) throw GatewayError::badRequest("'stream' must be a boolean", {}, "stream");
        request.stream = stream.get_bool().value_unsafe();
    }
    request.model = std::string(model);
    request.body = std::move(body);
    return request;
}

std::string withModel(const ChatRequest& request, std::string_view model) {
    if (model == request.model) return request.body;
    core::ThreadJsonParser<simdjson::ondemand::parser> parser;
    simdjson::ondemand::document document = parser->iterate(paddedView(request.body));
    // Keys compare unescaped ("mod\u0065l" is "model"), as parseChatRequest's DOM lookup reads
    // them; find_field compares the raw key text, missed such a key and threw.
    std::string_view token;
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "model") {
            token = field.value().raw_json_token();
            break;
        }
    }
    while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    const std::size_t offset = static_cast<std::size_t>(token.data() - request.body.data());
    std::string out;
    out.reserve(request.body.size() + model.size() + simdjson::SIMDJSON_PADDING);
    out.append(request.body, 0, offset);
    core::appendJsonString(out, model);
    out.append(request.body, offset + token.size(), std::string::npos);
    return out;
}

}  // namespace portico::api
