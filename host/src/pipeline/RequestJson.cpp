#include "pipeline/RequestJson.h"

#include "core/DuplicateKeys.h"
#include "core/GatewayError.h"
#include "core/Json.h"

namespace portico::pipeline {

using core::GatewayError;

GatewayError invalidField(const std::string& where, const std::string& what) {
    return GatewayError::badRequest(where + ": " + what, {}, where);
}

void appendMemberKey(std::string& out, std::string_view key) {
    out.push_back(',');
    core::appendJsonString(out, key);
    out.push_back(':');
}

simdjson::padded_string_view paddedView(const std::string& body) {
    return simdjson::padded_string_view(body.data(), body.size(), body.capacity());
}

void ensurePadding(std::string& body) {
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
}

RequestJson::RequestJson(std::string& body) {
    ensurePadding(body);
    simdjson::dom::element document;
    if (const auto error = parser_->parse(paddedView(body)).get(document))
        throw GatewayError::badRequest(std::string("Request body is not valid JSON: ") + simdjson::error_message(error));
    if (document.get_object().get(root_)) throw GatewayError::badRequest("Request body must be a JSON object");
    if (const auto key = core::findDuplicateKey(root_)) throw core::duplicateKeyError(*key);
}

std::string_view RequestJson::requiredString(std::string_view key) const {
    std::string_view value;
    if (root_[key].get_string().get(value) || value.empty())
        throw GatewayError::badRequest("'" + std::string(key) + "' is required and must be a non-empty string", {},
                                       std::string(key));
    return value;
}

bool RequestJson::optionalBool(std::string_view key) const {
    simdjson::dom::element value;
    if (root_[key].get(value) || value.is_null()) return false;
    if (!value.is_bool())
        throw GatewayError::badRequest("'" + std::string(key) + "' must be a boolean", {}, std::string(key));
    return value.get_bool().value_unsafe();
}

simdjson::dom::array RequestJson::requiredArray(std::string_view key, bool non_empty) const {
    simdjson::dom::array array;
    if (root_[key].get_array().get(array))
        throw GatewayError::badRequest("'" + std::string(key) + "' is required and must be an array", {}, std::string(key));
    if (non_empty && array.size() == 0)
        throw GatewayError::badRequest("'" + std::string(key) + "' must not be empty", {}, std::string(key));
    return array;
}

}  // namespace portico::pipeline
