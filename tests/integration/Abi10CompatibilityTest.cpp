// The ABI policy's proof: plugins compiled against the frozen 1.0 header (tests/plugins/abi_1_0)
// load in this 1.1 host and serve, and a plugin of a newer major is refused by name.
//
// abi10_echo (fixture_local_provider.c) is a local provider whose structs end where 1.0's do: a
// host reading 1.1 fields (native_formats, cache_creation_tokens of the usage it reports) would
// read past them, which the sanitizer build (PORTICO_SANITIZE=1 scripts/test.sh) reports.
// abi10_passthrough (old_minor_provider.c) is a translating provider whose vtable ends even
// before invoke, followed by a tripwire invoke a host reading too far would call.
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

constexpr const char* kEchoModel = "abi10-echo";
constexpr const char* kPassthroughModel = "abi10-passthrough";
const std::string kHostAbi = std::to_string(PORTICO_ABI_MAJOR) + "." + std::to_string(PORTICO_ABI_MINOR);

class Abi10CompatibilityTest : public PluginDirectoryTest {
protected:
    std::vector<fs::path> filesAtStart() const override {
        return {fixtureLibrary("abi10_echo.so"), fixtureLibrary("abi10_passthrough.so"),
                fixtureLibrary("wrong_major.so")};
    }
    void adjustPluginConfig(TestConfig& config) override {
        // abi10_passthrough declares itself "old_minor", as the source it is built from does.
        config.extra_models = std::string("  - model_name: ") + kEchoModel +
                              "\n    litellm_params: {model: abi10_echo/echo-model}\n"
                              "  - model_name: " + kPassthroughModel +
                              "\n    litellm_params: {model: old_minor/gpt-4o-mini, api_base: \"" + config.api_base +
                              "\", api_key: " + kUpstreamKey + "}\n";
    }
};

/// abi10_echo answers "echo: <model> received <N> bytes" and counts ceil(bytes / 4) tokens of
/// the request (N) and of its answer (tests/plugins/fixture_local_provider.c).
void expectEchoAnswer(const ChatAnswer& answer) {
    std::smatch match;
    ASSERT_TRUE(std::regex_match(answer.content, match, std::regex(R"(echo: echo-model received (\d+) bytes)")))
        << "garbled answer: '" << answer.content << "'";
    EXPECT_TRUE(answer.id.starts_with("chatcmpl-c_echo-")) << answer.id;
    EXPECT_EQ(answer.finish_reason, "stop");
    ASSERT_TRUE(answer.usage) << "no usage";
    const int request_bytes = std::stoi(match[1].str());
    const int prompt = (request_bytes + 3) / 4;
    const int completion = static_cast<int>(answer.content.size() + 3) / 4;
    EXPECT_EQ(answer.usage->getValue<int>("prompt_tokens"), prompt);
    EXPECT_EQ(answer.usage->getValue<int>("completion_tokens"), completion);
    EXPECT_EQ(answer.usage->getValue<int>("total_tokens"), prompt + completion);
}

TEST_F(Abi10CompatibilityTest, LocalProviderAnswersNonStreamed) {
    expectEchoAnswer(readChatCompletion(chat(chatBody(kEchoModel))));
    EXPECT_EQ(fake_->stat("requests"), 0) << "a local provider calls no upstream";
}

TEST_F(Abi10CompatibilityTest, LocalProviderStreamsThroughItsChunkSink) {
    SseStream stream(port(), chatBody(kEchoModel, "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200) << stream.rest();
    const ChatAnswer answer = readChatStream(stream.readAll());
    expectEchoAnswer(answer);
    EXPECT_EQ(answer.content_chunks, 2) << "the fixture emits exactly two content chunks";
}

TEST_F(Abi10CompatibilityTest, TranslatingProviderIsProxiedThroughBuildRequest) {
    const ChatAnswer answer = readChatCompletion(chat(chatBody(kPassthroughModel)));
    EXPECT_EQ(answer.content, "Hello from fake upstream") << "the tripwire invoke was called, or the answer is garbled";
    const auto upstream = fake_->lastRequest();
    ASSERT_TRUE(upstream->has("body")) << "the fake saw no request";
    EXPECT_EQ(upstream->getValue<std::string>("uri"), "/v1/chat/completions");
    EXPECT_EQ(upstream->getObject("headers")->optValue<std::string>("authorization", ""),
              std::string("Bearer ") + kUpstreamKey);
    EXPECT_EQ(parseObject(upstream->getValue<std::string>("body"))->getValue<std::string>("model"), "gpt-4o-mini");
}

TEST_F(Abi10CompatibilityTest, TranslatingProviderWithoutStreamSlotsRefusesAStreamCleanly) {
    // Its vtable has no stream_* slots and ends before invoke: the host must see a non-streaming
    // translating provider (a 400 naming streaming), not a local one (the tripwire's 500).
    const auto response = chat(chatBody(kPassthroughModel, "Say hello", true));
    const auto error = expectOpenAiError(response, 400);
    EXPECT_NE(error->getValue<std::string>("message").find("stream"), std::string::npos) << response.body;
    EXPECT_EQ(fake_->stat("requests"), 0) << "nothing should reach the upstream";
}

TEST_F(Abi10CompatibilityTest, AdminListsThemAsAbi10AndRefusesANewerMajorByName) {
    const auto response = listPlugins(port(), kMasterKey);
    ASSERT_EQ(response.status, 200) << response.describe();
    const auto entries = pluginsByFileName(response);
    for (const char* file : {"abi10_echo.so", "abi10_passthrough.so"}) {
        SCOPED_TRACE(file);
        ASSERT_EQ(entries.count(file), 1u) << response.body;
        EXPECT_EQ(entries.at(file)->getValue<std::string>("status"), "loaded") << response.body;
        EXPECT_EQ(entries.at(file)->getValue<std::string>("abi_version"), "1.0") << response.body;
    }
    // wrong_major.so: the c_echo source built for PORTICO_ABI_MAJOR + 1, named "future_plugin".
    ASSERT_EQ(entries.count("wrong_major.so"), 1u) << response.body;
    const auto& refused = entries.at("wrong_major.so");
    EXPECT_EQ(refused->getValue<std::string>("status"), "refused");
    const std::string reason = refused->optValue<std::string>("reason", "");
    EXPECT_NE(reason.find("future_plugin"), std::string::npos) << "the refusal should name the plugin: " << reason;
    EXPECT_NE(reason.find("ABI " + std::to_string(PORTICO_ABI_MAJOR + 1) + "."), std::string::npos)
        << "the refusal should name the plugin's ABI: " << reason;
    EXPECT_NE(reason.find("ABI " + kHostAbi), std::string::npos) << "the refusal should name the host's ABI: " << reason;
    EXPECT_EQ(chat(chatBody(kEchoModel)).status, 200) << "a refusal must not stop serving";
}

/// `portico plugins inspect` of a 1.0 fixture: loads (exit 0) and says "abi: 1.0".
CommandResult inspectFixture(const std::string& file) {
    const auto result = runCommand(PORTICO_BINARY, {"plugins", "inspect", fixtureLibrary(file).string()});
    EXPECT_EQ(result.exit_code, 0) << result.out << "\n" << result.err;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(abi:\s+1\.0 \(host implements )" + kHostAbi + R"(\))")))
        << result.out;
    EXPECT_EQ(result.out.find("refused"), std::string::npos) << result.out;
    return result;
}

TEST(Abi10InspectTest, ShowsAbi10AndEachFixturesShape) {
    const auto echo = inspectFixture("abi10_echo.so");
    EXPECT_TRUE(std::regex_search(echo.out, std::regex(R"(shape:\s+local \(invoke\))"))) << echo.out;
    EXPECT_TRUE(std::regex_search(echo.out, std::regex(R"(streaming:\s+yes)"))) << echo.out;
    // The zero-filled slots past its struct_size: no invoke, no stream_open.
    const auto passthrough = inspectFixture("abi10_passthrough.so");
    EXPECT_TRUE(std::regex_search(passthrough.out, std::regex(R"(shape:\s+translating)"))) << passthrough.out;
    EXPECT_TRUE(std::regex_search(passthrough.out, std::regex(R"(streaming:\s+no)"))) << passthrough.out;
}

}  // namespace
}  // namespace portico::itest
