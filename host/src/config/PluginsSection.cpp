#include "config/Sections.h"
#include "config/YamlToJson.h"

namespace portico::config {
namespace {

/// `observers:` / `guardrails:` — each entry names a plugin and the JSON object its instance is
/// created with. A plugin may be listed twice with different configs (two JSONL files, say).
std::vector<PluginInstanceConfig> parseInstances(NodeReader& reader, const YAML::Node& node, const std::string& path) {
    std::vector<PluginInstanceConfig> instances;
    if (node.IsNull()) return instances;
    if (!node.IsSequence()) reader.fail(path, "must be a sequence of {name, config} entries");
    const StringFilter resolve = [&reader](const std::string& text, const std::string& key_path) {
        return resolveEnvReference(text, reader.source(), key_path);
    };
    std::size_t index = 0;
    for (const auto& entry : node) {
        const std::string entry_path = NodeReader::item(path, index++);
        if (!entry.IsMap()) reader.fail(entry_path, "must be a mapping with name and config");
        PluginInstanceConfig instance;
        for (const auto& [key, value] : reader.entries(entry, entry_path)) {
            const std::string key_path = NodeReader::child(entry_path, key);
            if (key == "name") {
                instance.name = reader.text(value, key_path);
            } else if (key == "config") {
                if (!value.IsNull() && !value.IsMap()) reader.fail(key_path, "must be a mapping");
                if (value.IsMap()) instance.config_json = yamlToJson(reader, value, key_path, resolve);
            } else {
                reader.warn(key_path, "unknown key, ignored");
            }
        }
        if (instance.name.empty()) reader.fail(NodeReader::child(entry_path, "name"), "missing");
        instances.push_back(std::move(instance));
    }
    return instances;
}

}  // namespace

PluginSettings parsePluginsSection(NodeReader& reader, const YAML::Node& node) {
    PluginSettings plugins;
    const std::string section = "plugins";
    for (const auto& [key, value] : reader.entries(node, section)) {
        const std::string path = NodeReader::child(section, key);
        if (key == "directory") plugins.directory = reader.text(value, path);
        else if (key == "observers") plugins.observers = parseInstances(reader, value, path);
        else if (key == "guardrails") plugins.guardrails = parseInstances(reader, value, path);
        else if (key == "watch") plugins.watch = reader.boolean(reader.scalar(value, path), path);
        else reader.warn(path, "unknown key, ignored");
    }
    return plugins;
}

}  // namespace portico::config
