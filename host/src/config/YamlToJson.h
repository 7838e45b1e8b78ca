#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/NodeReader.h"

namespace portico::config {

/// Rewrites a string scalar before it is emitted; `path` locates it for error messages. The
/// config loader passes one that resolves `os.environ/NAME`, so secrets nested anywhere in
/// provider or plugin parameters reach the plugin resolved. Only strings pass through it:
/// numbers, booleans and nulls are never environment references.
using StringFilter = std::function<std::string(const std::string& value, const std::string& path)>;

/// Converts a YAML value to JSON text for plugins, which take their parameters as JSON. Scalars
/// are typed by the YAML 1.2 core schema (see YamlScalar.h), mappings become objects in document
/// order (merge keys applied), sequences become arrays. Throws ConfigError.
std::string yamlToJson(NodeReader& reader, const YAML::Node& node, const std::string& path,
                       const StringFilter& filter = {});

/// A JSON object from mapping entries already read with NodeReader::entries, leaving out the key
/// `excluded` (litellm_params' api_key: a secret must not reach a JSON blob plugins may log).
std::string entriesToJson(NodeReader& reader, const std::vector<NodeReader::Entry>& entries, const std::string& path,
                          const StringFilter& filter = {}, std::string_view excluded = {});

/// Same as yamlToJson, appending to `out`; `depth` guards against cyclic alias graphs.
void appendYamlAsJson(std::string& out, NodeReader& reader, const YAML::Node& node, const std::string& path,
                      const StringFilter& filter, int depth = 0);

}  // namespace portico::config
