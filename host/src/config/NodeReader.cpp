#include "config/NodeReader.h"

#include <algorithm>
#include <cmath>

#include "config/Config.h"
#include "config/YamlText.h"

namespace portico::config {
namespace {

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

const char* kindName(ScalarKind kind) {
    switch (kind) {
        case ScalarKind::Null: return "null";
        case ScalarKind::Bool: return "a boolean";
        case ScalarKind::Int: return "an integer";
        case ScalarKind::Float: return "a number";
        case ScalarKind::String: return "a string";
    }
    return "a value";
}

std::string describe(const ScalarValue& value) {
    if (value.kind == ScalarKind::Null) return "null";
    return std::string(kindName(value.kind)) + " ('" + value.text + "')";
}

/// yaml-cpp writes the escapes "\N" (U+0085) and "\_" (U+00A0) as single Latin-1 bytes, which
/// are not UTF-8; the text itself was checked before parsing (YamlText.h).
void requireUtf8(const NodeReader& reader, const std::string& text, const std::string& path) {
    if (invalidUtf8At(text) != std::string_view::npos)
        reader.fail(path, "not valid UTF-8 (write the characters of the escapes \\N and \\_ themselves)");
}

std::vector<NodeReader::Entry>::iterator findKey(std::vector<NodeReader::Entry>& entries, const std::string& key) {
    return std::find_if(entries.begin(), entries.end(), [&](const NodeReader::Entry& e) { return e.first == key; });
}

/// A string spelled like a YAML 1.1 number with digit separators reads as that number.
ScalarValue numericView(const ScalarValue& value) {
    if (value.kind != ScalarKind::String) return value;
    auto digits = withoutDigitSeparators(value.text);
    if (!digits) return value;
    const ScalarKind kind = inferPlainScalar(*digits);
    return {kind, *std::move(digits)};
}

}  // namespace

NodeReader::NodeReader(std::string source_name, std::vector<std::string>& warnings)
    : source_(std::move(source_name)), warnings_(warnings) {}

void NodeReader::fail(const std::string& path, const std::string& problem) const {
    throw ConfigError(source_ + ": " + (path.empty() ? "top level" : path) + ": " + problem);
}

void NodeReader::warn(const std::string& path, const std::string& problem) {
    warnings_.push_back(source_ + ": " + (path.empty() ? "top level" : path) + ": " + problem);
}

std::string NodeReader::child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string NodeReader::item(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::vector<NodeReader::Entry> NodeReader::entries(const YAML::Node& node, const std::string& path, int depth) {
    if (depth > kMaxDepth) fail(path, "nested more than " + std::to_string(kMaxDepth) + " levels (recursive alias?)");
    if (node.IsNull()) return {};
    if (!node.IsMap()) fail(path, "must be a mapping");

    std::vector<Entry> explicit_entries;
    std::vector<Entry> merged;
    for (const auto& pair : node) {
        const YAML::Node& key_node = pair.first;
        if (!key_node.IsScalar() && !key_node.IsNull()) fail(path, "mapping keys must be scalars");
        const std::string key = key_node.IsNull() ? "null" : key_node.Scalar();
        requireUtf8(*this, key, path);
        if (key == "<<" && key_node.Tag() == "?") {
            appendMerged(merged, pair.second, child(path, key), depth + 1);
            continue;
        }
        const auto existing = findKey(explicit_entries, key);
        if (existing != explicit_entries.end()) {
            warn(child(path, key), "duplicate key, the last value is used");
            existing->second = pair.second;
        } else {
            explicit_entries.emplace_back(key, pair.second);
        }
    }
    for (auto& entry : merged)
        if (findKey(explicit_entries, entry.first) == explicit_entries.end())
            explicit_entries.push_back(std::move(entry));
    return explicit_entries;
}

void NodeReader::appendMerged(std::vector<Entry>& out, const YAML::Node& source, const std::string& path, int depth) {
    // In `<<: [*a, *b]` the earlier mapping wins, so a key already merged is never replaced.
    const auto appendFrom = [&](const YAML::Node& mapping) {
        if (!mapping.IsMap()) fail(path, "merge value must be a mapping or a sequence of mappings");
        for (auto& entry : entries(mapping, path, depth))
            if (findKey(out, entry.first) == out.end()) out.push_back(std::move(entry));
    };
    if (source.IsSequence()) {
        for (const auto& mapping : source) appendFrom(mapping);
    } else {
        appendFrom(source);
    }
}

ScalarValue NodeReader::scalar(const YAML::Node& node, const std::string& path) {
    if (node.IsNull()) return {ScalarKind::Null, ""};
    if (!node.IsScalar()) fail(path, node.IsMap() ? "expected a single value, found a mapping"
                                                  : "expected a single value, found a sequence");
    const std::string& text = node.Scalar();
    requireUtf8(*this, text, path);
    const std::string& tag = node.Tag();
    if (tag == "!") return {ScalarKind::String, text};
    if (tag == "?" || tag.empty()) return {inferPlainScalar(text), text};
    if (!tag.starts_with(kCoreTagPrefix)) {
        warn(path, "tag " + tag + " is not interpreted; the value is read as a string");
        return {ScalarKind::String, text};
    }
    const std::string_view type = std::string_view(tag).substr(kCoreTagPrefix.size());
    if (type == "str") return {ScalarKind::String, text};
    const ScalarKind inferred = inferPlainScalar(text);
    const bool matches = (type == "null" && inferred == ScalarKind::Null) ||
                         (type == "bool" && inferred == ScalarKind::Bool) ||
                         (type == "int" && inferred == ScalarKind::Int) ||
                         (type == "float" && (inferred == ScalarKind::Float || inferred == ScalarKind::Int));
    if (!matches) fail(path, "'" + text + "' is not a valid !!" + std::string(type));
    return {type == "float" ? ScalarKind::Float : inferred, text};
}

std::string NodeReader::text(const YAML::Node& node, const std::string& path) {
    if (node.IsNull()) return {};
    if (!node.IsScalar()) fail(path, node.IsMap() ? "must be a string, found a mapping"
                                                  : "must be a string, found a sequence");
    requireUtf8(*this, node.Scalar(), path);
    return node.Scalar();
}

long long NodeReader::integer(const ScalarValue& written, const std::string& path, long long min, long long max) const {
    const ScalarValue value = numericView(written);
    if (value.kind != ScalarKind::Int) fail(path, "must be an integer, found " + describe(value));
    const auto parsed = parseYamlInteger(value.text);
    if (!parsed || *parsed < min || *parsed > max)
        fail(path, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", found " +
                       value.text);
    return *parsed;
}

double NodeReader::number(const ScalarValue& written, const std::string& path) const {
    const ScalarValue value = numericView(written);
    if (value.kind != ScalarKind::Int && value.kind != ScalarKind::Float)
        fail(path, "must be a number, found " + describe(value));
    const auto parsed = parseYamlNumber(value.text);
    if (!parsed || !std::isfinite(*parsed)) fail(path, "must be a finite number, found " + value.text);
    return *parsed;
}

bool NodeReader::boolean(const ScalarValue& value, const std::string& path) const {
    if (value.kind != ScalarKind::Bool) fail(path, "must be true or false, found " + describe(value));
    return value.text.front() == 't' || value.text.front() == 'T';
}

}  // namespace portico::config
