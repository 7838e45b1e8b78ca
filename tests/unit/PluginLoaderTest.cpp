#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "plugins/PluginLoader.h"
#include "plugins/PluginRegistry.h"
#include "plugins/ProviderInstance.h"

namespace fs = std::filesystem;
using namespace portico::plugins;

namespace {

std::string fixture(const std::string& name) { return std::string(PORTICO_TEST_PLUGIN_DIR) + "/" + name; }

std::string refusalOf(const std::string& path) {
    const PluginLoader loader(nullptr);
    LoadOutcome outcome = loader.load(path);
    if (auto* refusal = std::get_if<LoadRefusal>(&outcome)) return refusal->reason;
    return {};
}

/// A scratch plugin directory, removed at the end of the test.
class ScratchDir {
public:
    ScratchDir() : path_(fs::temp_directory_path() / ("portico-plugins-" + std::to_string(std::random_device{}()))) {
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    void add(const std::string& fixture_name, const std::string& as) { fs::copy_file(fixture(fixture_name), path_ / as); }
    void remove(const std::string& name) { fs::remove(path_ / name); }
    std::string str() const { return path_.string(); }

private:
    fs::path path_;
};

/// Collects what a provider streams.
class CollectingConsumer : public ChunkConsumer {
public:
    bool onChunk(std::string_view chunk) override {
        chunks.emplace_back(chunk);
        return true;
    }
    void onUsage(const portico_usage&) override { ++usage_reports; }
    std::vector<std::string> chunks;
    int usage_reports = 0;
};

portico_call chatCall(bool stream) {
    portico_call call{};
    call.struct_size = sizeof call;
    call.request_id = {"req-1", 5};
    call.model = {"echo-model", 10};
    call.operation = PORTICO_OP_CHAT;
    call.flags = stream ? PORTICO_CALL_STREAM : 0;
    return call;
}

}  // namespace

TEST(PluginLoaderTest, RefusesWrongMajorNamingBothVersions) {
    const std::string reason = refusalOf(fixture("wrong_major.so"));
    EXPECT_NE(reason.find("future_plugin"), std::string::npos) << reason;
    EXPECT_NE(reason.find("targets ABI " + std::to_string(PORTICO_ABI_MAJOR + 1) + "."), std::string::npos) << reason;
    EXPECT_NE(reason.find("this host implements ABI " + std::to_string(PORTICO_ABI_MAJOR) + "."), std::string::npos) << reason;
}

TEST(PluginLoaderTest, RefusesLibraryWithoutEntrySymbol) {
    EXPECT_NE(refusalOf(fixture("no_entry.so")).find("no portico_plugin_init"), std::string::npos);
}

TEST(PluginLoaderTest, RefusesUndersizedDescriptor) {
    EXPECT_NE(refusalOf(fixture("undersized.so")).find("struct_size"), std::string::npos);
}

TEST(PluginLoaderTest, RefusesProviderWithoutRequiredCreate) {
    const std::string reason = refusalOf(fixture("missing_create.so"));
    EXPECT_NE(reason.find("missing required provider functions: create"), std::string::npos) << reason;
}

TEST(PluginLoaderTest, RefusesFileThatIsNotALibrary) {
    ScratchDir dir;
    const std::string path = dir.str() + "/garbage.so";
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("not an ELF file", f);
    std::fclose(f);
    EXPECT_NE(refusalOf(path).find("cannot load library"), std::string::npos);
}

TEST(PluginLoaderTest, LoadsOlderMinorWithMissingSlotsReadAsNull) {
    const PluginLoader loader(nullptr);
    LoadOutcome outcome = loader.load(fixture("old_minor.so"));
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<PluginLibrary>>(outcome)) << std::get<LoadRefusal>(outcome).reason;
    const auto& library = *std::get<std::shared_ptr<PluginLibrary>>(outcome);
    EXPECT_EQ(library.provider().invoke, nullptr);
    EXPECT_NE(library.provider().build_request, nullptr);
    EXPECT_EQ(library.provider().struct_size, sizeof(portico_provider_vtable));
}

TEST(PluginLoaderTest, CCompiledProviderLoadsAndServesAStreamAndACompletion) {
    const PluginLoader loader(nullptr);
    LoadOutcome outcome = loader.load(fixture("c_echo.so"));
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<PluginLibrary>>(outcome)) << std::get<LoadRefusal>(outcome).reason;
    auto library = std::get<std::shared_ptr<PluginLibrary>>(outcome);
    EXPECT_EQ(library->name(), "c_echo");
    EXPECT_EQ(library->kind(), PORTICO_KIND_PROVIDER);

    ProviderInstance provider(library, "{}", nullptr);
    const std::string body = R"({"model":"echo-model","messages":[{"role":"user","content":"hello"}]})";
    std::string response;
    portico_usage usage{};
    provider.invoke(chatCall(false), body, &response, nullptr, usage);
    EXPECT_NE(response.find("\"chat.completion\""), std::string::npos) << response;

    CollectingConsumer consumer;
    provider.invoke(chatCall(true), body, nullptr, &consumer, usage);
    ASSERT_GE(consumer.chunks.size(), 2u);
    for (const auto& chunk : consumer.chunks) EXPECT_NE(chunk.find("chat.completion.chunk"), std::string::npos) << chunk;
}

TEST(PluginRegistryTest, RefusesSecondPluginWithTheSameName) {
    ScratchDir dir;
    dir.add("duplicate_a.so", "a.so");
    dir.add("duplicate_b.so", "b.so");
    PluginRegistry registry(dir.str(), nullptr);
    const auto set = registry.scan();
    ASSERT_EQ(set->records.size(), 2u);
    EXPECT_TRUE(set->records[0].loaded);
    EXPECT_FALSE(set->records[1].loaded);
    EXPECT_NE(set->records[1].reason.find("duplicate provider name 'dup'"), std::string::npos) << set->records[1].reason;
    EXPECT_NE(set->find(PORTICO_KIND_PROVIDER, "dup"), nullptr);
}

TEST(PluginRegistryTest, RescanLoadsNewFilesAndDropsRemovedOnesWhileInstancesDrain) {
    ScratchDir dir;
    dir.add("c_echo.so", "c_echo.so");
    PluginRegistry registry(dir.str(), nullptr);
    const auto first = registry.scan();
    auto library = first->find(PORTICO_KIND_PROVIDER, "c_echo");
    ASSERT_NE(library, nullptr);
    auto in_flight = std::make_shared<ProviderInstance>(library, "{}", nullptr);

    dir.add("old_minor.so", "old_minor.so");
    const auto second = registry.scan();
    EXPECT_EQ(second->find(PORTICO_KIND_PROVIDER, "c_echo"), library) << "unchanged plugin must be reused, not reloaded";
    EXPECT_EQ(second->records.size(), 2u);

    dir.remove("c_echo.so");
    const auto third = registry.scan();
    EXPECT_EQ(third->find(PORTICO_KIND_PROVIDER, "c_echo"), nullptr);
    // The removed plugin is still mapped for the request holding it, and still answers.
    std::string response;
    portico_usage usage{};
    in_flight->invoke(chatCall(false), R"({"model":"m","messages":[{"role":"user","content":"x"}]})", &response, nullptr, usage);
    EXPECT_FALSE(response.empty());
}

TEST(PluginRegistryTest, BadPluginIsRefusedAndTheRestStillLoad) {
    ScratchDir dir;
    dir.add("wrong_major.so", "wrong_major.so");
    dir.add("c_echo.so", "c_echo.so");
    PluginRegistry registry(dir.str(), nullptr);
    const auto set = registry.scan();
    EXPECT_NE(set->find(PORTICO_KIND_PROVIDER, "c_echo"), nullptr);
    int refused = 0;
    for (const auto& record : set->records) refused += record.loaded ? 0 : 1;
    EXPECT_EQ(refused, 1);
}
