// docs/examples/rust_provider: a provider written in Rust against nothing but plugin.h loads,
// answers chat whole and streamed, turns a panic into a 500 (the gateway lives on), and
// `portico plugins inspect` reads its declaration.
//
// tests/plugins/RustProvider.cmake builds it with cargo. Without cargo this skips, or fails when
// PORTICO_REQUIRE_RUST is on, as in CI.
#include <gtest/gtest.h>

#include <portico/plugin.h>

#include <regex>
#include <string>
#include <vector>

#include "support/ChatAnswer.h"
#include "support/PluginAdmin.h"
#include "support/PluginDirectoryTest.h"
#include "support/RunCommand.h"
#include "support/SseStream.h"

namespace fs = std::filesystem;

namespace portico::itest {
namespace {

constexpr const char* kModel = "rust-echo";
constexpr const char* kConfiguredModel = "rust-configured";
constexpr const char* kPanicWord = "please panic";

/// Fails (PORTICO_REQUIRE_RUST) or skips the calling test when cargo did not build the example.
#define REQUIRE_RUST_PROVIDER()                                                                          \
    do {                                                                                                 \
        if (!PORTICO_RUST_PROVIDER_BUILT) {                                                              \
            if (PORTICO_REQUIRE_RUST)                                                                    \
                FAIL() << "cargo was not found when CMake configured this build, so "                    \
                          "docs/examples/rust_provider was not built, and PORTICO_REQUIRE_RUST is on: "  \
                          "install rustc and cargo (scripts/install-deps.sh) and configure again";       \
            GTEST_SKIP() << "cargo not found when CMake configured this build: the Rust example is not " \
                            "built (PORTICO_REQUIRE_RUST=ON makes this a failure)";                      \
        }                                                                                                \
        ASSERT_TRUE(fs::is_regular_file(PORTICO_RUST_PROVIDER)) << "cargo ran but left no " PORTICO_RUST_PROVIDER; \
    } while (false)

class RustProviderTest : public PluginDirectoryTest {
protected:
    void SetUp() override {
        REQUIRE_RUST_PROVIDER();
        PluginDirectoryTest::SetUp();
    }
    std::vector<fs::path> filesAtStart() const override { return {PORTICO_RUST_PROVIDER}; }
    void adjustPluginConfig(TestConfig& config) override {
        config.extra_models = std::string("  - model_name: ") + kModel +
                              "\n    litellm_params: {model: rust_echo/rust-model}\n"
                              "  - model_name: " + kConfiguredModel +
                              "\n    litellm_params: {model: rust_echo/rust-model, prefix: \"configured> \", panic_on: \"" +
                              kPanicWord + "\"}\n";
    }
};

/// The example counts one token per word: "Say hello" is 2, "rust echo: Say hello" 4.
void expectUsage(const ChatAnswer& answer, int prompt, int completion) {
    ASSERT_TRUE(answer.usage) << "no usage";
    EXPECT_EQ(answer.usage->getValue<int>("prompt_tokens"), prompt);
    EXPECT_EQ(answer.usage->getValue<int>("completion_tokens"), completion);
    EXPECT_EQ(answer.usage->getValue<int>("total_tokens"), prompt + completion);
}

TEST_F(RustProviderTest, AnswersNonStreamed) {
    const ChatAnswer answer = readChatCompletion(chat(chatBody(kModel, "Say hello")));
    EXPECT_EQ(answer.content, "rust echo: Say hello");
    EXPECT_TRUE(answer.id.starts_with("chatcmpl-rust-")) << answer.id;
    EXPECT_EQ(answer.finish_reason, "stop");
    expectUsage(answer, 2, 4);
    EXPECT_EQ(fake_->stat("requests"), 0) << "a local provider calls no upstream";
}

TEST_F(RustProviderTest, StreamsOneChunkPerWordWithUsage) {
    SseStream stream(port(), chatBody(kModel, "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200) << stream.rest();
    const ChatAnswer answer = readChatStream(stream.readAll());
    EXPECT_EQ(answer.content, "rust echo: Say hello");
    EXPECT_EQ(answer.content_chunks, 4);
    EXPECT_EQ(answer.finish_reason, "stop");
    expectUsage(answer, 2, 4);
}

TEST_F(RustProviderTest, ReadsItsConfigAndAPanicBecomesA500) {
    EXPECT_EQ(readChatCompletion(chat(chatBody(kConfiguredModel, "Say \"hi\"\n"))).content, "configured> Say \"hi\"\n");
    // boundary.rs catches the panic before it can unwind into the host.
    expectOpenAiError(chat(chatBody(kConfiguredModel, kPanicWord)), 500);
    EXPECT_EQ(readChatCompletion(chat(chatBody(kModel))).content, "rust echo: Say hello")
        << "the gateway should serve on after a plugin panic: " << gateway_->describe();
}

TEST(RustProviderInspectTest, ShowsItsDeclaration) {
    REQUIRE_RUST_PROVIDER();
    const auto result = runCommand(PORTICO_BINARY, {"plugins", "inspect", PORTICO_RUST_PROVIDER});
    ASSERT_EQ(result.exit_code, 0) << result.out << "\n" << result.err;
    const std::string abi = std::to_string(PORTICO_ABI_MAJOR) + "\\." + std::to_string(PORTICO_ABI_MINOR);
    for (const std::string& line : {std::string(R"(kind:\s+provider)"), std::string(R"(name:\s+rust_echo)"),
                                    std::string(R"(version:\s+0\.1\.0)"), R"(abi:\s+)" + abi + " ",
                                    std::string(R"(shape:\s+local \(invoke\))"), std::string(R"(operations:\s+chat)"),
                                    std::string(R"(streaming:\s+yes)")}) {
        EXPECT_TRUE(std::regex_search(result.out, std::regex(line))) << "no '" << line << "' in:\n" << result.out;
    }
}

}  // namespace
}  // namespace portico::itest
