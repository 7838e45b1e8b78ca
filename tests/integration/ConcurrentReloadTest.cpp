// Reloads from many admin calls at once, while libraries come and go: every reload runs to the
// end before the next starts, so the plugin set installed last is the one scanned last.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "support/Eventually.h"
#include "support/PluginAdmin.h"
#include "support/PluginDirectoryTest.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

class ConcurrentReloadTest : public PluginDirectoryTest {};

/// Admin reload calls in a loop on several threads. Each thread remembers the last directory
/// generation whose change happened before a reload call of its own started and then finished.
class ReloadHammer {
public:
    ReloadHammer(int port, std::size_t threads, const std::atomic<int>& generation)
        : generation_(generation), seen_(threads) {
        for (std::size_t i = 0; i < threads; ++i) {
            seen_[i] = -1;
            threads_.emplace_back([this, port, i] {
                while (!stop_) {
                    const int before = generation_.load();
                    const auto response = reloadPlugins(port, kMasterKey);
                    if (response.status != 200) ++failures_;
                    seen_[i] = before;
                    ++completed_;
                }
            });
        }
    }
    ~ReloadHammer() {
        stop_ = true;
        for (auto& thread : threads_) thread.join();
    }
    /// True once every thread finished a reload that started after `generation` was reached.
    bool allSaw(int generation) const {
        for (const auto& seen : seen_)
            if (seen.load() < generation) return false;
        return true;
    }
    int completed() const { return completed_.load(); }
    int failures() const { return failures_.load(); }

private:
    const std::atomic<int>& generation_;
    std::vector<std::atomic<int>> seen_;
    std::atomic<bool> stop_{false};
    std::atomic<int> completed_{0};
    std::atomic<int> failures_{0};
    std::vector<std::thread> threads_;
};

TEST_F(ConcurrentReloadTest, ParallelReloadsWhileLibrariesComeAndGoEndWithTheFinalDirectory) {
    const std::vector<std::string> toggled{"c_echo.so", "minimal_provider.so", "old_minor.so", "response_blocker.so",
                                           "wrong_major.so"};
    std::atomic<int> generation{0};
    {
        ReloadHammer hammer(port(), 6, generation);
        for (int change = 0; change < 150; ++change) {
            const std::string& name = toggled[static_cast<std::size_t>(change) % toggled.size()];
            if (fs::exists(plugin_dir_ / name)) fs::remove(plugin_dir_ / name);
            else fs::copy_file(fixtureLibrary(name), plugin_dir_ / name);
            ++generation;
            // Let some reloads see this state before the next change (progress, not a readiness guess).
            const int target = hammer.completed() + 3;
            ASSERT_TRUE(eventually([&] { return hammer.completed() >= target; }, std::chrono::seconds(30)))
                << gateway_->describe();
        }
        ASSERT_TRUE(eventually([&] { return hammer.allSaw(generation.load()); }, std::chrono::seconds(30)))
            << gateway_->describe();
        EXPECT_EQ(hammer.failures(), 0);
    }

    // No reload is running now; what is installed must be the final directory.
    const auto listing = listPlugins(port(), kMasterKey);
    ASSERT_EQ(listing.status, 200) << listing.describe();
    std::set<std::string> listed;
    for (const auto& [file, entry] : pluginsByFileName(listing)) listed.insert(file);
    EXPECT_EQ(listed, libraryFileNames(plugin_dir_)) << listing.body;
    EXPECT_EQ(chat(chatBody("demo")).status, 200) << gateway_->describe();
}

}  // namespace
}  // namespace portico::itest
