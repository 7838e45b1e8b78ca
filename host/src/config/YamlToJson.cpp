#include "config/YamlToJson.h"

#include "core/Json.h"

namespace portico::config {
namespace {

void appendObject(std::string& out, NodeReader& reader, const std::vector<NodeReader::Entry>& entries,
                  const std::string& path, const StringFilter& filter, std::string_view excluded, int depth) {
    out.push_back('{');
    bool first = true;
    for (const auto& [key, value] : entries) {
        if (!excluded.empty() && key == excluded) continue;
        if (!first) out.push_back(',');
        first = false;
        core::appendJsonString(out, key);
        out.push_back(':');
        appendYamlAsJson(out, reader, value, NodeReader::child(path, key), filter, depth + 1);
    }
    out.push_back('}');
}

}  // namespace

void appendYamlAsJson(std::string& out, NodeReader& reader, const YAML::Node& node, const std::string& path,
                      const StringFilter& filter, int depth) {
    if (depth > NodeReader::kMaxDepth)
        reader.fail(path, "nested more than " + std::to_string(NodeReader::kMaxDepth) + " levels (recursive alias?)");
    if (node.IsMap()) {
        appendObject(out, reader, reader.entries(node, path, depth), path, filter, {}, depth);
        return;
    }
    if (node.IsSequence()) {
        out.push_back('[');
        std::size_t index = 0;
        for (const auto& element : node) {
            if (index > 0) out.push_back(',');
            appendYamlAsJson(out, reader, element, NodeReader::item(path, index), filter, depth + 1);
            ++index;
        }
        out.push_back(']');
        return;
    }
    ScalarValue value = reader.scalar(node, path);
    if (value.kind == ScalarKind::String && filter) value.text = filter(value.text, path);
    appendScalarJson(out, value);
}

std::string yamlToJson(NodeReader& reader, const YAML::Node& node, const std::string& path, const StringFilter& filter) {
    std::string out;
    appendYamlAsJson(out, reader, node, path, filter);
    return out;
}

std::string entriesToJson(NodeReader& reader, const std::vector<NodeReader::Entry>& entries, const std::string& path,
                          const StringFilter& filter, std::string_view excluded) {
    std::string out;
    appendObject(out, reader, entries, path, filter, excluded, 0);
    return out;
}

}  // namespace portico::config
