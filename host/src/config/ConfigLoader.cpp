#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "config/Config.h"
#include "config/NodeReader.h"
#include "config/Sections.h"
#include "config/YamlText.h"

namespace portico::config {
namespace {

/// LiteLLM sections a LiteLLM config may carry that Portico does not act on yet. They are named
/// as such in the warning so a migrating user knows the setting was understood but not applied.
constexpr std::array<std::string_view, 12> kLitellmSectionsNotSupported = {
    "litellm_settings", "router_settings",   "environment_variables", "callback_settings",
    "guardrails",       "include",           "credential_list",       "mcp_servers",
    "files_settings",   "finetune_settings", "assistant_settings",    "vector_store_registry",
};

bool isLitellmSection(std::string_view key) {
    for (const auto name : kLitellmSectionsNotSupported)
        if (name == key) return true;
    return false;
}

/// `general_settings:` — only master_key is used; LiteLLM keeps dozens of other proxy settings
/// here (database_url, alerting, ...), each reported rather than silently dropped.
std::string parseGeneralSettings(NodeReader& reader, const YAML::Node& node) {
    std::string master_key;
    const std::string section = "general_settings";
    for (const auto& [key, value] : reader.entries(node, section)) {
        const std::string path = NodeReader::child(section, key);
        if (key == "master_key")
            master_key = resolveEnvReference(reader.text(value, path), reader.source(), path);
        else
            reader.warn(path, "not supported yet, ignored");
    }
    return master_key;
}

YAML::Node parseYaml(std::string_view yaml, const std::string& source_name) {
    if (const auto problem = findYamlTextProblem(yaml)) {
        const std::size_t at = problem->offset;
        const std::size_t line_start = at == 0 ? 0 : yaml.rfind('\n', at - 1) + 1;  // npos + 1 = 0
        const auto line = 1 + std::count(yaml.begin(), yaml.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        throw ConfigError(source_name + ": line " + std::to_string(line) + ", column " +
                          std::to_string(at - line_start + 1) + ": invalid YAML: " + problem->message);
    }
    try {
        return YAML::Load(std::string(yaml));
    } catch (const YAML::ParserException& e) {
        std::string where;
        if (e.mark.line >= 0)
            where = "line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) + ": ";
        throw ConfigError(source_name + ": " + where + "invalid YAML: " + e.msg);
    } catch (const YAML::Exception& e) {
        throw ConfigError(source_name + ": invalid YAML: " + e.msg);
    }
}

}  // namespace

Config parseConfig(std::string_view yaml, const std::string& source_name) {
    const YAML::Node root = parseYaml(yaml, source_name);
    Config config;
    config.source_path = source_name;
    NodeReader reader(source_name, config.warnings);
    if (!root.IsNull() && !root.IsMap())
        reader.fail("", "must be a mapping of sections (model_list, general_settings, server, plugins)");

    YAML::Node model_list;
    YAML::Node general_settings;
    YAML::Node server;
    YAML::Node plugins;
    try {
        for (const auto& [key, value] : reader.entries(root, "")) {
            if (key == "model_list") model_list = value;
            else if (key == "general_settings") general_settings = value;
            else if (key == "server") server = value;
            else if (key == "plugins") plugins = value;
            else if (isLitellmSection(key)) reader.warn(key, "not supported yet, ignored");
            else reader.warn(key, "unknown key, ignored");
        }
        config.server = parseServerSection(reader, server);
        config.model_list = parseModelList(reader, model_list);
        config.plugins = parsePluginsSection(reader, plugins);
        config.master_key = parseGeneralSettings(reader, general_settings);
    } catch (const YAML::Exception& e) {
        // Node accessors throw only on misuse; name the file so the message is still actionable.
        throw ConfigError(source_name + ": " + e.what());
    }
    return config;
}

Config loadConfig(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError(path + ": cannot read config file (it is a directory)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot read config file (" + std::strerror(errno) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ConfigError(path + ": cannot read config file (read error)");
    return parseConfig(text.str(), path);
}

}  // namespace portico::config
