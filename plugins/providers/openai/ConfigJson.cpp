#include "ConfigJson.h"

#include <simdjson.h>

#include "common/PluginError.h"

namespace portico::openai {

std::optional<std::string> configString(std::string_view config_json, std::string_view key, std::string_view plugin) {
    using plugin_common::PluginError;
    if (config_json.empty()) return std::nullopt;
    try {
        simdjson::ondemand::parser parser;
        const simdjson::padded_string padded(config_json);
        simdjson::ondemand::document doc = parser.iterate(padded);
        std::optional<std::string> found;
        for (auto field : doc.get_object()) {
            if (std::string_view(field.unescaped_key()) != key) continue;
            simdjson::ondemand::value value = field.value();
            if (value.type() == simdjson::ondemand::json_type::null) continue;
            if (value.type() != simdjson::ondemand::json_type::string)
                throw PluginError(PORTICO_ERR_INVALID, 0, std::string(plugin) + ": " + std::string(key) + " must be a string");
            found = std::string(std::string_view(value.get_string()));
        }
        return found;
    } catch (const simdjson::simdjson_error& e) {
        throw PluginError(PORTICO_ERR_INVALID, 0, std::string(plugin) + ": config is not a JSON object: " + e.what());
    }
}

}  // namespace portico::openai
