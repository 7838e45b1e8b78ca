#include <string>

#include <gtest/gtest.h>

#include "config/Config.h"

namespace portico::config {
namespace {

const std::string kFile = "etc/x.yaml";

std::string errorOf(const std::string& yaml) {
    try {
        parseConfig(yaml, kFile);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

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
