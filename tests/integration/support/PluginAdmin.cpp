#include "support/PluginAdmin.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPRequest.h>

#include <stdexcept>

namespace fs = std::filesystem;

namespace portico::itest {

std::vector<fs::path> fixtureLibraries() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(PORTICO_TEST_PLUGIN_DIR)) {
        if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path());
    }
    return files;
}

fs::path fixtureLibrary(const std::string& file_name) {
    const fs::path path = fs::path(PORTICO_TEST_PLUGIN_DIR) / file_name;
    if (!fs::is_regular_file(path)) throw std::runtime_error("no fixture plugin " + path.string());
    return path;
}

HttpResponse reloadPlugins(int port, const std::string& key) {
    HttpRequest request;
    request.method = Poco::Net::HTTPRequest::HTTP_POST;
    request.path = "/admin/v1/plugins/reload";
    request.headers.emplace_back("Authorization", "Bearer " + key);
    return httpCall(port, request);
}

HttpResponse listPlugins(int port, const std::string& key) { return httpGet(port, "/admin/v1/plugins", key); }

std::map<std::string, Poco::JSON::Object::Ptr> pluginsByFileName(const HttpResponse& response) {
    std::map<std::string, Poco::JSON::Object::Ptr> entries;
    const auto data = response.json()->getArray("data");
    if (!data) throw std::runtime_error("no data array: " + response.body);
    for (std::size_t i = 0; i < data->size(); ++i) {
        const auto entry = data->getObject(static_cast<unsigned>(i));
        entries[fs::path(entry->optValue<std::string>("path", "")).filename().string()] = entry;
    }
    return entries;
}

std::string pluginStatus(const HttpResponse& response, const std::string& file_name) {
    const auto entries = pluginsByFileName(response);
    const auto it = entries.find(file_name);
    return it == entries.end() ? std::string() : it->second->optValue<std::string>("status", "");
}

std::set<std::string> libraryFileNames(const fs::path& directory) {
    std::set<std::string> names;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 1) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && it->path().extension() == ".so") names.insert(it->path().filename().string());
    }
    return names;
}

std::set<std::string> modelIds(int port, const std::string& key) {
    std::set<std::string> ids;
    const auto response = httpGet(port, "/v1/models", key);
    if (response.status != 200) return ids;
    const auto data = response.json()->getArray("data");
    for (std::size_t i = 0; data && i < data->size(); ++i)
        ids.insert(data->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    return ids;
}

}  // namespace portico::itest
