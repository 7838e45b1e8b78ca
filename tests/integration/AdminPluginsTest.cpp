// /admin/v1/plugins: what was loaded, what was refused and why, and a rescan on demand.
#include <portico/plugin.h>

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <filesystem>
#include <map>
#include <vector>

#include "support/PluginAdmin.h"
#include "support/PluginDirectoryTest.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

class AdminPluginsTest : public PluginDirectoryTest {};

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
        EXPECT_EQ(entry->getValue<std::string>("abi_version"),
                  std::to_string(PORTICO_ABI_MAJOR) + "." + std::to_string(PORTICO_ABI_MINOR));
        EXPECT_FALSE(entry->optValue<std::string>("version", "").empty());
    }
}

TEST_F(AdminPluginsTest, RequiresTheMasterKey) {
    expectOpenAiError(httpGet(port(), "/admin/v1/plugins", "sk-someone-else"), 401);
    expectOpenAiError(httpGet(port(), "/admin/v1/plugins"), 401);
    expectOpenAiError(reloadPlugins(port(), "sk-someone-else"), 401);
}

TEST_F(AdminPluginsTest, ReloadPicksUpANewLibrary) {
    const auto fixtures = fixtureLibraries();
    ASSERT_FALSE(fixtures.empty()) << "no fixture plugins in " << PORTICO_TEST_PLUGIN_DIR;
    const auto before = pluginsByFileName(httpGet(port(), "/admin/v1/plugins", kMasterKey));
    for (const auto& file : fixtures) {
        EXPECT_EQ(before.count(file.filename().string()), 0u) << file;
        fs::copy_file(file, plugin_dir_ / file.filename());
    }

    const auto response = reloadPlugins(port(), kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto after = pluginsByFileName(response);
    for (const auto& file : fixtures) {
        EXPECT_EQ(after.count(file.filename().string()), 1u) << file << " not listed after reload: " << response.body;
    }
    EXPECT_EQ(pluginsByFileName(httpGet(port(), "/admin/v1/plugins", kMasterKey)).size(), after.size());
    EXPECT_EQ(chat(chatBody("gpt-test")).status, 200) << "serving broke after a reload";
}

class RefusedPluginsTest : public AdminPluginsTest {
protected:
    std::vector<fs::path> filesAtStart() const override { return fixtureLibraries(); }
};

TEST_F(RefusedPluginsTest, RefusedLibrariesAreListedWithReasonsAndServingGoesOn) {
    const auto response = httpGet(port(), "/admin/v1/plugins", kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto entries = pluginsByFileName(response);
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
