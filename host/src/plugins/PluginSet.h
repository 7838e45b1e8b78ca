#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "plugins/PluginLibrary.h"

namespace portico::plugins {

/// One row of GET /admin/v1/plugins: a loaded plugin, or a refused file and why.
struct PluginRecord {
    PluginDeclaration declaration;
    bool loaded = false;
    std::string reason;  ///< empty when loaded
};

/// The immutable result of one directory scan.
struct PluginSet {
    std::vector<PluginRecord> records;  ///< sorted by path
    std::map<std::pair<int, std::string>, std::shared_ptr<const PluginLibrary>> by_kind_and_name;

    std::shared_ptr<const PluginLibrary> find(int kind, const std::string& name) const {
        const auto it = by_kind_and_name.find({kind, name});
        return it == by_kind_and_name.end() ? nullptr : it->second;
    }
};

}  // namespace portico::plugins
