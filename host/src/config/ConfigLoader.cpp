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

/// Where `text` stops being UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
/// U+10FFFF), or npos. yaml-cpp passes such bytes through into strings, and from there into the
/// JSON plugins receive, which no JSON parser accepts.
std::size_t invalidUtf8At(std::string_view text) {
    const auto byte = [text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;  // the range of the second byte; later ones are 0x80-0xBF
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;   // overlong
            if (lead == 0xED) high = 0x9F;  // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;   // overlong
            if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
        } else {
            return i;
        }
        if (text.size() - i < length || byte(i + 1) < low || byte(i + 1) > high) return i;
        for (std::size_t k = 2; k < length; ++k)
            if ((byte(i + k) & 0xC0) != 0x80) return i;
        i += length;
    }
    return std::string_view::npos;
}

/// yaml-cpp also reads UTF-16 and UTF-32 text that starts with a byte order mark, and decodes it.
bool startsWithUtf16Or32Bom(std::string_view yaml) {
    return yaml.starts_with("\xFE\xFF") || yaml.starts_with("\xFF\xFE") ||
           yaml.starts_with(std::string_view("\0\0\xFE\xFF", 4));
}

YAML::Node parseYaml(std::string_view yaml, const std::string& source_name) {
    if (const std::size_t at = startsWithUtf16Or32Bom(yaml) ? std::string_view::npos : invalidUtf8At(yaml);
        at != std::string_view::npos) {
        const std::size_t line_start = at == 0 ? 0 : yaml.rfind('\n', at - 1) + 1;  // npos + 1 = 0
        const auto line = 1 + std::count(yaml.begin(), yaml.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        throw ConfigError(source_name + ": line " + std::to_string(line) + ", column " +
                          std::to_string(at - line_start + 1) + ": invalid YAML: not UTF-8 text");
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
