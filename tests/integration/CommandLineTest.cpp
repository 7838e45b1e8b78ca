// The command line outside `serve`: version, help on each command, and mistakes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/RunCommand.h"

namespace portico::itest {
namespace {

TEST(CommandLineTest, VersionFlagPrintsTheVersion) {
    const auto result = runCommand(PORTICO_BINARY, {"--version"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    // "portico 0.1.0", optionally followed by more detail after a space.
    const std::string expected = "portico " PORTICO_VERSION;
    EXPECT_TRUE(result.out == expected || result.out.starts_with(expected + " ")) << result.out;
}

TEST(CommandLineTest, EveryCommandHasHelpOnStdout) {
    const std::vector<std::vector<std::string>> commands = {
        {"--help"}, {"serve", "--help"}, {"plugins", "inspect", "--help"}};
    for (const auto& args : commands) {
        const auto result = runCommand(PORTICO_BINARY, args);
        EXPECT_EQ(result.exit_code, 0) << args[0] << ": " << result.err;
        EXPECT_TRUE(result.out.starts_with("usage: portico")) << args[0] << ": " << result.out;
    }
    // serve --help describes its options instead of starting a server.
    const auto serve = runCommand(PORTICO_BINARY, {"serve", "--help"});
    for (const char* option : {"--config", "--host", "--port"})
        EXPECT_NE(serve.out.find(option), std::string::npos) << option << " missing from: " << serve.out;
}

TEST(CommandLineTest, UnknownCommandExits2WithUsageOnStderr) {
    const auto result = runCommand(PORTICO_BINARY, {"bogus"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(result.out.empty()) << "stdout is for asked-for output only: " << result.out;
    EXPECT_NE(result.err.find("unknown command 'bogus'"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("usage: portico"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace portico::itest
