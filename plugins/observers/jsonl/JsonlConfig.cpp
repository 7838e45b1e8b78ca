#include "JsonlConfig.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace portico::observers::jsonl {

std::optional<JsonlConfig> JsonlConfig::parse(std::string_view config_json, std::string& error) {
    rapidjson::Document document;
    if (config_json.empty()) {
        document.SetObject();
    } else {
        document.Parse(config_json.data(), config_json.size());
        if (document.HasParseError()) {
            error = std::string("jsonl: config is not valid JSON: ") +
                    rapidjson::GetParseError_En(document.GetParseError());
            return std::nullopt;
        }
    }
    if (!document.IsObject()) {
        error = "jsonl: config must be an object";
        return std::nullopt;
    }

    JsonlConfig config;
    bool has_path = false;
    for (const auto& member : document.GetObject()) {
        const std::string_view key(member.name.GetString(), member.name.GetStringLength());
        if (key == "path") {
            if (!member.value.IsString() || member.value.GetStringLength() == 0) {
                error = "jsonl: config.path must be a non-empty string";
                return std::nullopt;
            }
            config.path.assign(member.value.GetString(), member.value.GetStringLength());
            has_path = true;
        } else if (key == "fsync_on_flush") {
            if (!member.value.IsBool()) {
                error = "jsonl: config.fsync_on_flush must be a boolean";
                return std::nullopt;
            }
            config.fsync_on_flush = member.value.GetBool();
        } else {
            error = "jsonl: unknown config key '" + std::string(key) + "'";
            return std::nullopt;
        }
    }
    if (!has_path) {
        error = "jsonl: config.path is required";
        return std::nullopt;
    }
    if (config.path.find('\0') != std::string::npos) {
        error = "jsonl: config.path must not contain NUL bytes";
        return std::nullopt;
    }
    return config;
}

}  // namespace portico::observers::jsonl
