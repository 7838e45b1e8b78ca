// plugins.watch: libraries dropped into the plugin directory load without any call, removed ones
// drain and unload, and a library still being written is not loaded until it is complete.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/Eventually.h"
#include "support/PluginAdmin.h"
#include "support/PluginDirectoryTest.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

constexpr const char* kEchoLibrary = "c_echo.so";
constexpr const char* kEchoModel = "echo-model";

class PluginWatchReloadTest : public PluginDirectoryTest {
protected:
    void adjustPluginConfig(TestConfig& config) override {
        config.watch_plugins = true;
        // Served by the c_echo fixture, which is not in the directory at start.
        config.extra_models = std::string("  - model_name: ") + kEchoModel + "\n    litellm_params: {model: c_echo/echo}\n";
    }

    std::string echoStatus() const { return pluginStatus(listPlugins(port(), kMasterKey), kEchoLibrary); }
    bool eventuallyEchoStatus(const std::string& status) const {
        return eventually([&] { return echoStatus() == status; }, std::chrono::seconds(10));
    }
    bool echoModelListed() const { return modelIds(port(), kMasterKey).count(kEchoModel) == 1; }
};

/// Appends bytes [from, to) of `source` to `target`, closing it afterwards (one IN_CLOSE_WRITE).
void appendPart(const fs::path& source, const fs::path& target, std::size_t from, std::size_t to) {
    const std::string bytes = readFile(source);
    std::ofstream out(target, std::ios::binary | std::ios::app);
    out.write(bytes.data() + from, static_cast<std::streamsize>(to - from));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + target.string());
}

TEST_F(PluginWatchReloadTest, ADroppedInLibraryLoadsAndARemovedOneUnloads) {
    ASSERT_EQ(echoStatus(), "");
    ASSERT_FALSE(echoModelListed());

    fs::copy_file(fixtureLibrary(kEchoLibrary), plugin_dir_ / kEchoLibrary);
    ASSERT_TRUE(eventuallyEchoStatus("loaded")) << gateway_->describe();
    EXPECT_TRUE(eventually([&] { return echoModelListed(); }, std::chrono::seconds(10))) << gateway_->describe();
    const auto response = chat(chatBody(kEchoModel));
    ASSERT_EQ(response.status, 200) << response.describe();
    EXPECT_NE(response.body.find("echo: "), std::string::npos) << response.body;

    fs::remove(plugin_dir_ / kEchoLibrary);
    ASSERT_TRUE(eventuallyEchoStatus("")) << gateway_->describe();
    EXPECT_FALSE(echoModelListed());
    EXPECT_EQ(chat(chatBody("demo")).status, 200) << gateway_->describe();
}

TEST_F(PluginWatchReloadTest, AHalfWrittenLibraryIsNotLoadedUntilComplete) {
    const fs::path source = fixtureLibrary(kEchoLibrary);
    const fs::path target = plugin_dir_ / kEchoLibrary;
    const std::size_t size = fs::file_size(source);

    appendPart(source, target, 0, size / 2);
    // The watcher scans once the writer closed the file; the truncated library is refused.
    EXPECT_TRUE(eventuallyEchoStatus("refused")) << gateway_->describe();
    // An explicit scan of the truncated file must not crash either (mapping it would: SIGBUS).
    const auto reloaded = reloadPlugins(port(), kMasterKey);
    ASSERT_EQ(reloaded.status, 200) << gateway_->describe();
    EXPECT_EQ(pluginStatus(reloaded, kEchoLibrary), "refused") << reloaded.body;
    EXPECT_FALSE(echoModelListed());

    appendPart(source, target, size / 2, size);
    ASSERT_TRUE(eventuallyEchoStatus("loaded")) << gateway_->describe();
    EXPECT_TRUE(eventually([&] { return echoModelListed(); }, std::chrono::seconds(10))) << gateway_->describe();
    EXPECT_EQ(chat(chatBody(kEchoModel)).status, 200) << gateway_->describe();
}

}  // namespace
}  // namespace portico::itest
