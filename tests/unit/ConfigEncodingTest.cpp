#include <string>

#include <gtest/gtest.h>

#include "config/Config.h"
#include "support/ConfigErrorOf.h"

namespace portico::config {
namespace {

const std::string kFile = "etc/x.yaml";

std::string errorOf(const std::string& yaml) { return configErrorOf(yaml, kFile); }

// Found by tests/fuzz/fuzz_config: bytes that are not UTF-8 went through yaml-cpp into the JSON
// handed to the provider plugin ({"model":"open\xde\xde..."}), which no JSON parser accepts.
TEST(ConfigEncodingTest, RefusesTextThatIsNotUtf8NamingWhereItStops) {
    EXPECT_EQ(errorOf("model_list:\n  - model_name: m\n    litellm_params: {model: open\xde\xde" "ai/x}\n"),
              "etc/x.yaml: line 3, column 33: invalid YAML: not UTF-8 text");
    EXPECT_EQ(errorOf("\xff"), "etc/x.yaml: line 1, column 1: invalid YAML: not UTF-8 text");
    EXPECT_EQ(errorOf("a: \xc0\xaf\n"), "etc/x.yaml: line 1, column 4: invalid YAML: not UTF-8 text");          // overlong
    EXPECT_EQ(errorOf("a: \xed\xa0\x80\n"), "etc/x.yaml: line 1, column 4: invalid YAML: not UTF-8 text");      // surrogate
    EXPECT_EQ(errorOf("a: \xf4\x90\x80\x80\n"), "etc/x.yaml: line 1, column 4: invalid YAML: not UTF-8 text");  // > U+10FFFF
    EXPECT_EQ(errorOf("a: \xe2\x82"), "etc/x.yaml: line 1, column 4: invalid YAML: not UTF-8 text");            // cut short
}

// Also found by the fuzz target: yaml-cpp reads a NUL byte as the start of an escape ("\0N" became
// the byte 0x85), so characters YAML does not allow are refused before parsing, as PyYAML does.
TEST(ConfigEncodingTest, RefusesCharactersYamlDoesNotAllow) {
    EXPECT_EQ(errorOf(std::string("a: x\0NULL\n", 10)),
              "etc/x.yaml: line 1, column 5: invalid YAML: character U+0000 is not allowed in YAML text");
    EXPECT_EQ(errorOf("a: 1\nb: \x01\n"),
              "etc/x.yaml: line 2, column 4: invalid YAML: character U+0001 is not allowed in YAML text");
    EXPECT_EQ(errorOf("a: \xc2\x9f\n"),
              "etc/x.yaml: line 1, column 4: invalid YAML: character U+009F is not allowed in YAML text");
    EXPECT_EQ(errorOf("a: \xef\xbf\xbf\n"),
              "etc/x.yaml: line 1, column 4: invalid YAML: character U+FFFF is not allowed in YAML text");
}

// yaml-cpp turns the escapes \N and \_ into the single bytes 0x85 and 0xA0.
TEST(ConfigEncodingTest, RefusesTheEscapesYamlCppDecodesToLatin1) {
    EXPECT_EQ(errorOf("model_list:\n  - {model_name: \"a\\Nb\", litellm_params: {model: x}}\n"),
              "etc/x.yaml: model_list[0].model_name: not valid UTF-8 (write the characters of the escapes \\N and "
              "\\_ themselves)");
    EXPECT_EQ(errorOf("model_list:\n  - {model_name: m, litellm_params: {model: x, \"k\\_\": 1}}\n"),
              "etc/x.yaml: model_list[0].litellm_params: not valid UTF-8 (write the characters of the escapes \\N "
              "and \\_ themselves)");
}

TEST(ConfigEncodingTest, AcceptsTabsAndEscapedControlCharacters) {
    const Config config = parseConfig(
        "model_list:\n\t\n  - model_name: m\t\n    litellm_params: {model: x, s: \"\\x01\\t\\L\"}\n", kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].params_json, R"({"model":"x","s":"\u0001\t)" "\xe2\x80\xa8" R"("})");
}

TEST(ConfigEncodingTest, AcceptsUtf8IncludingAByteOrderMark) {
    const Config config = parseConfig(
        "\xef\xbb\xbfmodel_list:\n  - model_name: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n"
        "    litellm_params: {model: mock/demo}\n",
        kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].model_name, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace portico::config
