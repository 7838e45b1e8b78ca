#include "GeminiEmbeddings.h"

#include <simdjson.h>

#include "GeminiUrl.h"
#include "JsonOut.h"
#include "common/PluginError.h"

namespace portico::gemini {
namespace {

using plugin_common::PluginError;
using simdjson::dom::element;

void writeContent(JsonWriter& out, std::string_view text) {
    writeKey(out, "content");
    out.StartObject();
    writeKey(out, "parts");
    out.StartArray();
    out.StartObject();
    writeKey(out, "text");
    writeString(out, text);
    out.EndObject();
    out.EndArray();
    out.EndObject();
}

void writeDimensions(JsonWriter& out, element request) {
    uint64_t dimensions = 0;
    if (request["dimensions"].get_uint64().get(dimensions) != simdjson::SUCCESS) return;
    writeKey(out, "outputDimensionality");
    out.Uint64(dimensions);
}

[[noreturn]] void badUpstream() {
    throw PluginError(PORTICO_ERR_UPSTREAM, 502, "gemini returned an embeddings body without embedding values");
}

void writeEmbedding(JsonWriter& out, uint64_t index, element embedding) {
    simdjson::dom::array values;
    if (embedding["values"].get_array().get(values) != simdjson::SUCCESS) badUpstream();
    out.StartObject();
    writeKey(out, "object");
    writeString(out, "embedding");
    writeKey(out, "index");
    out.Uint64(index);
    writeKey(out, "embedding");
    out.StartArray();
    for (element value : values) {
        double number = 0;
        if (value.get_double().get(number) != simdjson::SUCCESS) badUpstream();
        out.Double(number);
    }
    out.EndArray();
    out.EndObject();
}

}  // namespace

GeminiEmbeddingRequest translateEmbeddingRequest(std::string_view canonical_json, std::string_view model) {
    simdjson::dom::parser parser;
    element request;
    if (parser.parse(canonical_json.data(), canonical_json.size()).get(request) != simdjson::SUCCESS || !request.is_object())
        throw PluginError(PORTICO_ERR_INVALID, 400, "gemini: the embeddings body is not a JSON object");
    element input;
    if (request["input"].get(input) != simdjson::SUCCESS) throw PluginError(PORTICO_ERR_INVALID, 400, "gemini: embeddings need an input");

    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    GeminiEmbeddingRequest translated;
    std::string_view text;
    out.StartObject();
    if (input.get_string().get(text) == simdjson::SUCCESS) {
        translated.method = "embedContent";
        writeContent(out, text);
        writeDimensions(out, request);
    } else if (input.is_array()) {
        translated.method = "batchEmbedContents";
        const std::string resource = modelResource(model);
        writeKey(out, "requests");
        out.StartArray();
        for (element item : simdjson::dom::array(input.get_array().value_unsafe())) {
            if (item.get_string().get(text) != simdjson::SUCCESS)
                throw PluginError(PORTICO_ERR_UNSUPPORTED, 400, "gemini: embeddings input must be strings (token arrays are not supported)");
            out.StartObject();
            writeKey(out, "model");
            writeString(out, resource);
            writeContent(out, text);
            writeDimensions(out, request);
            out.EndObject();
        }
        out.EndArray();
    } else {
        throw PluginError(PORTICO_ERR_INVALID, 400, "gemini: embeddings input must be a string or an array of strings");
    }
    out.EndObject();
    translated.body.assign(buffer.GetString(), buffer.GetSize());
    return translated;
}

std::string translateEmbeddingResponse(std::string_view body, std::string_view model) {
    simdjson::dom::parser parser;
    element document;
    if (parser.parse(body.data(), body.size()).get(document) != simdjson::SUCCESS) badUpstream();
    rapidjson::StringBuffer buffer;
    JsonWriter out(buffer);
    out.StartObject();
    writeKey(out, "object");
    writeString(out, "list");
    writeKey(out, "data");
    out.StartArray();
    element single;
    simdjson::dom::array batch;
    if (document["embedding"].get(single) == simdjson::SUCCESS) {
        writeEmbedding(out, 0, single);
    } else if (document["embeddings"].get_array().get(batch) == simdjson::SUCCESS) {
        uint64_t index = 0;
        for (element embedding : batch) writeEmbedding(out, index++, embedding);
    } else {
        badUpstream();
    }
    out.EndArray();
    writeKey(out, "model");
    writeString(out, model);
    writeKey(out, "usage");
    out.StartObject();
    writeKey(out, "prompt_tokens");
    out.Uint64(0);
    writeKey(out, "total_tokens");
    out.Uint64(0);
    out.EndObject();
    out.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace portico::gemini
