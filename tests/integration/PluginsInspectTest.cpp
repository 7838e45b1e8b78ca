// `portico plugins inspect FILE.so`: the declaration of a good plugin, or the refusal of a bad one.
#include <gtest/gtest.h>

#include <portico/plugin.h>

#include <regex>
#include <set>
#include <string>

#include "support/RunCommand.h"

namespace portico::itest {
namespace {

/// The distinct majors of every "MAJOR.MINOR" in `text`.
std::set<int> versionMajors(const std::string& text) {
    std::set<int> majors;
    const std::regex version(R"((\d+)\.(\d+))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), version); it != std::sregex_iterator(); ++it) {
        majors.insert(std::stoi((*it)[1].str()));
    }
    return majors;
}

TEST(PluginsInspectTest, WrongAbiMajorIsRefusedNamingBothVersions) {
    const auto result =
        runCommand(PORTICO_BINARY, {"plugins", "inspect", std::string(PORTICO_TEST_PLUGIN_DIR) + "/wrong_major.so"});
    EXPECT_EQ(result.exit_code, 1) << result.out << "\n" << result.err;
    const std::string all = result.out + "\n" + result.err;
    EXPECT_NE(all.find("refused"), std::string::npos) << all;
    // tests/plugins builds wrong_major.so with PORTICO_ABI_MAJOR + 1.
    const auto majors = versionMajors(all);
    EXPECT_EQ(majors.count(PORTICO_ABI_MAJOR), 1u) << "host ABI not named: " << all;
    EXPECT_EQ(majors.count(PORTICO_ABI_MAJOR + 1), 1u) << "the plugin's ABI not named: " << all;
}

TEST(PluginsInspectTest, BundledProviderPrintsItsDeclaration) {
    const auto result =
        runCommand(PORTICO_BINARY, {"plugins", "inspect", std::string(PORTICO_PLUGIN_DIR) + "/providers/openai.so"});
    EXPECT_EQ(result.exit_code, 0) << result.out << "\n" << result.err;
    EXPECT_NE(result.out.find("openai"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("provider"), std::string::npos) << result.out;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(\d+\.\d+)"))) << "no version: " << result.out;
    EXPECT_EQ(result.out.find("refused"), std::string::npos) << result.out;
}

TEST(PluginsInspectTest, BareFileNameIsFoundInTheWorkingDirectory) {
    // docs/writing-a-plugin.md: `portico plugins inspect my_provider.so`, run beside the build
    // output. dlopen alone would look for a bare name on the library search path only.
    const auto result = runCommandIn(PORTICO_TEST_PLUGIN_DIR, PORTICO_BINARY, {"plugins", "inspect", "minimal_provider.so"});
    EXPECT_EQ(result.exit_code, 0) << result.out << "\n" << result.err;
    EXPECT_EQ(result.out.find("refused"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("minimal"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(std::string(PORTICO_TEST_PLUGIN_DIR) + "/minimal_provider.so"), std::string::npos)
        << "the file line should name the absolute path that was loaded: " << result.out;
}

}  // namespace
}  // namespace portico::itest
