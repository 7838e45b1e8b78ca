#include "api/openai/EmbeddingsCodec.h"

#include <simdjson.h>

#include <bit>
#include <cstring>

#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "http/ErrorResponder.h"
#include "pipeline/RequestJson.h"

namespace portico::api::openai {
namespace {

using core::GatewayError;

constexpr uint32_t kBase64 = 0x1;  ///< codec_flags: the client asked for encoding_format base64

/// A valid "input": a non-empty string, or a non-empty array of strings, of token ids, or of
/// token-id arrays (OpenAI's four shapes).
void checkInput(simdjson::dom::element input) {
    const auto refuse = [] {
        throw GatewayError::badRequest(
            "'input' must be a non-empty string, an array of strings, an array of token ids or an array of token-id arrays",
            {}, "input");
    };
    std::string_view text;
    if (!input.get_string().get(text)) {
        if (text.empty()) refuse();
        return;
    }
    simdjson::dom::array items;
    if (input.get_array().get(items) || items.size() == 0) refuse();
    const simdjson::dom::element_type kind = items.at(0).type();
    for (simdjson::dom::element item : items) {
        if (item.type() != kind) refuse();
        if (kind == simdjson::dom::element_type::ARRAY) {
            simdjson::dom::array tokens;
            if (item.get_array().get(tokens) || tokens.size() == 0) refuse();
            for (simdjson::dom::element token : tokens)
                if (!token.is_int64()) refuse();
        } else if (kind != simdjson::dom::element_type::STRING && kind != simdjson::dom::element_type::INT64 &&
                   kind != simdjson::dom::element_type::UINT64) {
            refuse();
        }
    }
}

}  // namespace

std::string base64Floats(const std::vector<float>& values) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string bytes(values.size() * 4, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) {
        uint32_t bits = std::bit_cast<uint32_t>(values[i]);
        for (int b = 0; b < 4; ++b) bytes[i * 4 + static_cast<std::size_t>(b)] = static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto byte = [&](std::size_t at) { return at < bytes.size() ? static_cast<uint8_t>(bytes[at]) : 0u; };
        const uint32_t group = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out.push_back(kAlphabet[(group >> 18) & 63]);
        out.push_back(kAlphabet[(group >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=');
        out.push_back(i + 2 < bytes.size() ? kAlphabet[group & 63] : '=');
    }
    return out;
}

pipeline::InboundRequest EmbeddingsCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    pipeline::InboundRequest request;
    request.operation = PORTICO_OP_EMBEDDINGS;
    {
        pipeline::RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        simdjson::dom::element input;
        if (json.root()["input"].get(input)) throw GatewayError::badRequest("'input' is required", {}, "input");
        checkInput(input);
        simdjson::dom::element format;
        if (!json.root()["encoding_format"].get(format) && !format.is_null()) {
            std::string_view name;
            if (format.get_string().get(name) || (name != "float" && name != "base64"))
                throw GatewayError::badRequest("'encoding_format' must be \"float\" or \"base64\"", {}, "encoding_format");
            if (name == "base64") request.codec_flags |= kBase64;
        }
        if (json.optionalBool("stream")) throw GatewayError::badRequest("Embeddings are not streamed", {}, "stream");
    }
    request.body = std::move(body);
    return request;
}

std::string EmbeddingsCodec::fromNative(std::string response, const pipeline::InboundRequest& request) const {
    if ((request.codec_flags & kBase64) == 0) return response;
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object object;
    simdjson::dom::array data;
    if (parser->parse(response).get_object().get(object) || object["data"].get_array().get(data))
        throw GatewayError(502, "api_error", {}, "The provider's embeddings answer is not an OpenAI list");
    std::string out = "{\"object\":\"list\",\"data\":[";
    bool first = true;
    std::vector<float> values;
    for (simdjson::dom::element item : data) {
        simdjson::dom::array floats;
        int64_t index = 0;
        pipeline::readIfPresent(item["index"].get_int64(), index);
        if (!first) out.push_back(',');
        first = false;
        out.append("{\"object\":\"embedding\",\"index\":").append(std::to_string(index)).append(",\"embedding\":");
        if (item["embedding"].get_array().get(floats)) {
            // Already encoded (an OpenAI upstream that was asked for base64 itself).
            simdjson::dom::element embedding;
            out.append(item["embedding"].get(embedding) ? "null" : simdjson::minify(embedding));
        } else {
            values.clear();
            for (simdjson::dom::element value : floats) {
                double number = 0;
                if (value.get_double().get(number))
                    throw GatewayError(502, "api_error", {}, "The provider's embedding holds a non-number");
                values.push_back(static_cast<float>(number));
            }
            out.push_back('"');
            out.append(base64Floats(values));
            out.push_back('"');
        }
        out.push_back('}');
    }
    out.push_back(']');
    for (std::string_view key : {"model", "usage"}) {
        simdjson::dom::element value;
        if (object[key].get(value)) continue;
        out.push_back(',');
        core::appendJsonString(out, key);
        out.push_back(':');
        out.append(simdjson::minify(value));
    }
    out.push_back('}');
    return out;
}

// No chat form (hasChatForm() is false): the pipeline never asks for these.
std::string EmbeddingsCodec::toChat(const pipeline::InboundRequest&, std::string_view) const {
    throw GatewayError::internal("embeddings have no chat form");
}
std::string EmbeddingsCodec::fromChat(std::string, const pipeline::InboundRequest&) const {
    throw GatewayError::internal("embeddings have no chat form");
}
std::unique_ptr<pipeline::StreamEncoder> EmbeddingsCodec::chatStream(const pipeline::InboundRequest&) const {
    throw GatewayError::internal("embeddings are not streamed");
}
std::unique_ptr<pipeline::StreamEncoder> EmbeddingsCodec::nativeStream(const pipeline::InboundRequest&) const {
    throw GatewayError::internal("embeddings are not streamed");
}

std::string EmbeddingsCodec::errorBody(const core::GatewayError& error) const { return http::ErrorResponder::body(error); }

}  // namespace portico::api::openai
