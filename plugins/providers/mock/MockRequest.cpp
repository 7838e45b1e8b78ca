#include "MockRequest.h"

#include <simdjson.h>
#include <string>

#include "common/PluginError.h"

namespace portico::mock {
namespace {

using plugin_common::PluginError;
using simdjson::ondemand::json_type;

[[noreturn]] void invalid(const std::string& message) { throw PluginError(PORTICO_ERR_INVALID, 400, message); }

/// Text bytes of one message's content: a string, null, or an array of content parts.
std::size_t contentTextBytes(simdjson::ondemand::value content) {
    switch (content.type()) {
        case json_type::string:
            return std::string_view(content.get_string()).size();
        case json_type::array: {
            std::size_t bytes = 0;
            for (auto part : content.get_array()) {
                if (part.type() != json_type::object) continue;
                for (auto field : part.get_object()) {
                    simdjson::ondemand::value value = field.value();
                    if (std::string_view(field.unescaped_key()) == "text" && value.type() == json_type::string)
                        bytes += std::string_view(value.get_string()).size();
                }
            }
            return bytes;
        }
        default:
            return 0;
    }
}

std::size_t messagesTextBytes(simdjson::ondemand::value messages) {
    if (messages.type() != json_type::array) invalid("\"messages\" must be an array");
    std::size_t bytes = 0;
    for (auto message : messages.get_array()) {
        if (message.type() != json_type::object) invalid("every element of \"messages\" must be an object");
        for (auto field : message.get_object())
            if (std::string_view(field.unescaped_key()) == "content") bytes += contentTextBytes(field.value());
    }
    return bytes;
}

bool includeUsage(simdjson::ondemand::value stream_options) {
    if (stream_options.type() != json_type::object) return false;
    for (auto field : stream_options.get_object()) {
        simdjson::ondemand::value value = field.value();
        if (std::string_view(field.unescaped_key()) == "include_usage" && value.type() == json_type::boolean)
            return bool(value.get_bool());
    }
    return false;
}

}  // namespace

MockRequest MockRequest::fromCanonical(std::string_view canonical_json) {
    MockRequest request;
    bool has_messages = false;
    try {
        simdjson::ondemand::parser parser;
        const simdjson::padded_string padded(canonical_json);
        simdjson::ondemand::document doc = parser.iterate(padded);
        if (doc.type() != json_type::object) invalid("request body must be a JSON object");
        for (auto field : doc.get_object()) {
            const std::string_view key = field.unescaped_key();
            if (key == "messages") {
                request.prompt_text_bytes = messagesTextBytes(field.value());
                has_messages = true;
            } else if (key == "stream_options") {
                request.include_usage = includeUsage(field.value());
            }
        }
    } catch (const simdjson::simdjson_error& e) {
        invalid(std::string("request body is not valid JSON: ") + e.what());
    }
    if (!has_messages) invalid("request body must have a \"messages\" array");
    return request;
}

}  // namespace portico::mock
