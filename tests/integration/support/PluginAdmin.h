#pragma once
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/Http.h"

namespace portico::itest {

/// The fixture libraries tests/plugins builds (wrong_major.so and other refusals among them).
std::vector<std::filesystem::path> fixtureLibraries();
/// One fixture library by file name, e.g. "c_echo.so".
std::filesystem::path fixtureLibrary(const std::string& file_name);

/// POST /admin/v1/plugins/reload.
HttpResponse reloadPlugins(int port, const std::string& key);
/// GET /admin/v1/plugins.
HttpResponse listPlugins(int port, const std::string& key);

/// Entries of a plugin list body, keyed by the file name of their path.
std::map<std::string, Poco::JSON::Object::Ptr> pluginsByFileName(const HttpResponse& response);
/// The "status" ("loaded", "refused") of `file_name` in a plugin list; empty when not listed.
std::string pluginStatus(const HttpResponse& response, const std::string& file_name);

/// File names of the *.so files in `directory` and its immediate subdirectories, the set a
/// scan lists.
std::set<std::string> libraryFileNames(const std::filesystem::path& directory);

/// Model ids in GET /v1/models.
std::set<std::string> modelIds(int port, const std::string& key);

}  // namespace portico::itest
