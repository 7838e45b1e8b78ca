// /admin/v1/plugins: what was loaded, what was refused and why, and a rescan on demand.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPRequest.h>

#include <filesystem>
#include <map>
#include <vector>

#include "support/GatewayTest.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

/// The fixture libraries tests/plugins builds; wrong_major.so among them.
std::vector<fs::path> fixtureLibraries() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(PORTICO_TEST_PLUGIN_DIR)) {
        if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path());
    }
    return files;
}

/// Entries of a plugin list body, keyed by the file name of their path.
std::map<std::string, Poco::JSON::Object::Ptr> byFileName(const HttpResponse& response) {
    std::map<std::string, Poco::JSON::Object::Ptr> entries;
    const auto data = response.json()->getArray("data");
    if (!data) throw std::runtime_error("no data array: " + response.body);
    for (std::size_t i = 0; i < data->size(); ++i) {
        const auto entry = data->getObject(static_cast<unsigned>(i));
        entries[fs::path(entry->optValue<std::string>("path", "")).filename().string()] = entry;
    }
    return entries;
}

HttpResponse reload(int port, const std::string& key) {
    HttpRequest request;
    request.method = Poco::Net::HTTPRequest::HTTP_POST;
    request.path = "/admin/v1/plugins/reload";
    request.headers.emplace_back("Authorization", "Bearer " + key);
    return httpCall(port, request);
}

/// Runs the gateway on a private copy of the build's plugin directory, so tests can add files.
class AdminPluginsTest : public GatewayTest {
protected:
    void adjustConfig(TestConfig& config) override {
        plugin_dir_ = dir_ / "plugins";
        fs::copy(PORTICO_PLUGIN_DIR, plugin_dir_, fs::copy_options::recursive);
        for (const auto& file : filesAtStart()) fs::copy_file(file, plugin_dir_ / file.filename());
        config.plugin_dir = plugin_dir_.string();
    }
    /// Extra libraries in the plugin directory when the gateway starts.
    virtual std::vector<fs::path> filesAtStart() const { return {}; }

    fs::path plugin_dir_;
};

TEST_F(AdminPluginsTest, ListsTheBundledPluginsAsLoaded) {
    const auto response = httpGet(port(), "/admin/v1/plugins", kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_EQ(response.json()->getValue<std::string>("object"), "list");
    std::map<std::string, Poco::JSON::Object::Ptr> byName;
    const auto data = response.json()->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i) {
        const auto entry = data->getObject(static_cast<unsigned>(i));
        byName[entry->getValue<std::string>("name")] = entry;
    }
    const std::map<std::string, std::string> expected{
        {"openai", "provider"}, {"mock", "provider"}, {"jsonl", "observer"}, {"blocked_words", "guardrail"}};
    for (const auto& [name, kind] : expected) {
        SCOPED_TRACE(name);
        ASSERT_EQ(byName.count(name), 1u) << response.body;
        const auto& entry = byName[name];
        EXPECT_EQ(entry->getValue<std::string>("kind"), kind);
        EXPECT_EQ(entry->getValue<std::string>("status"), "loaded");
        EXPECT_EQ(entry->getValue<std::string>("abi_version"), "1.0");
        EXPECT_FALSE(entry->optValue<std::string>("version", "").empty());
    }
}

TEST_F(AdminPluginsTest, RequiresTheMasterKey) {
    expectOpenAiError(httpGet(port(), "/admin/v1/plugins", "sk-someone-else"), 401);
    expectOpenAiError(httpGet(port(), "/admin/v1/plugins"), 401);
    expectOpenAiError(reload(port(), "sk-someone-else"), 401);
}

TEST_F(AdminPluginsTest, ReloadPicksUpANewLibrary) {
    const auto fixtures = fixtureLibraries();
    ASSERT_FALSE(fixtures.empty()) << "no fixture plugins in " << PORTICO_TEST_PLUGIN_DIR;
    const auto before = byFileName(httpGet(port(), "/admin/v1/plugins", kMasterKey));
    for (const auto& file : fixtures) {
        EXPECT_EQ(before.count(file.filename().string()), 0u) << file;
        fs::copy_file(file, plugin_dir_ / file.filename());
    }

    const auto response = reload(port(), kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto after = byFileName(response);
    for (const auto& file : fixtures) {
        EXPECT_EQ(after.count(file.filename().string()), 1u) << file << " not listed after reload: " << response.body;
    }
    EXPECT_EQ(byFileName(httpGet(port(), "/admin/v1/plugins", kMasterKey)).size(), after.size());
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200) << "serving broke after a reload";
}

class RefusedPluginsTest : public AdminPluginsTest {
protected:
    std::vector<fs::path> filesAtStart() const override { return fixtureLibraries(); }
};

TEST_F(RefusedPluginsTest, RefusedLibrariesAreListedWithReasonsAndServingGoesOn) {
    const auto response = httpGet(port(), "/admin/v1/plugins", kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto entries = byFileName(response);
    ASSERT_EQ(entries.count("wrong_major.so"), 1u) << response.body;
    const auto& wrongMajor = entries.at("wrong_major.so");
    EXPECT_EQ(wrongMajor->getValue<std::string>("status"), "refused");
    EXPECT_FALSE(wrongMajor->optValue<std::string>("reason", "").empty()) << response.body;
    for (const auto& [file, entry] : entries) {
        if (entry->getValue<std::string>("status") == "refused") {
            EXPECT_FALSE(entry->optValue<std::string>("reason", "").empty()) << file << " refused without a reason";
        }
    }
    for (const char* name : {"openai.so", "mock.so", "jsonl.so", "blocked_words.so"}) {
        ASSERT_EQ(entries.count(name), 1u) << name;
        EXPECT_EQ(entries.at(name)->getValue<std::string>("status"), "loaded") << name;
    }
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200);
    EXPECT_EQ(chat(chatBody("demo")).status, 200);
    EXPECT_EQ(httpGet(port(), "/health/readiness").status, 200);
}

}  // namespace
}  // namespace portico::itest
