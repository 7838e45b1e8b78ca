#include <string>
#include <vector>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "config/Config.h"
#include "config/NodeReader.h"
#include "config/YamlToJson.h"

namespace portico::config {
namespace {

std::string toJson(const std::string& yaml, std::vector<std::string>& warnings, const StringFilter& filter = {}) {
    NodeReader reader("t.yaml", warnings);
    return yamlToJson(reader, YAML::Load(yaml), "v", filter);
}

std::string toJson(const std::string& yaml) {
    std::vector<std::string> warnings;
    return toJson(yaml, warnings);
}

std::string errorOf(const std::string& yaml) {
    try {
        toJson(yaml);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(YamlToJsonTest, TypesPlainScalarsByTheCoreSchema) {
    EXPECT_EQ(toJson("[42, -7, 0.25, 1e3, true, False, TRUE, ~, null, NULL, , text]"),
              R"([42,-7,0.25,1e3,true,false,true,null,null,null,null,"text"])");
    // YAML 1.1 spellings are plain text under 1.2 (PyYAML would read yes as true, 1_000 as 1000).
    EXPECT_EQ(toJson("[yes, no, on, off, 1_000, 0b101, 1.2.3]"),
              R"(["yes","no","on","off","1_000","0b101","1.2.3"])");
}

TEST(YamlToJsonTest, RewritesYamlNumberSpellingsIntoJsonGrammar) {
    const std::string json = toJson("{plus: +3, padded: 007, hex: 0x1F, octal: 0o17, leading_dot: .5, "
                                    "trailing_dot: 1., signed_exp: -2.5E+04, infinity: -.inf, not_a_number: .NaN}");
    EXPECT_EQ(json, R"({"plus":3,"padded":7,"hex":31,"octal":15,"leading_dot":0.5,"trailing_dot":1.0,)"
                    R"("signed_exp":-2.5E+04,"infinity":"-.inf","not_a_number":".NaN"})");
    Poco::JSON::Parser parser;
    const auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(object->getValue<int>("hex"), 31);
    EXPECT_DOUBLE_EQ(object->getValue<double>("leading_dot"), 0.5);
    EXPECT_DOUBLE_EQ(object->getValue<double>("signed_exp"), -25000);
}

TEST(YamlToJsonTest, QuotedAndStrTaggedScalarsStayStrings) {
    EXPECT_EQ(toJson(R"(
- "42"
- 'true'
- "null"
- ""
- !!str 12
- !!str true
- |
  block
)"),
              R"(["42","true","null","","12","true","block\n"])");
}

TEST(YamlToJsonTest, HonoursCoreTagsAndRejectsContradictions) {
    EXPECT_EQ(toJson("[!!int 12, !!float 3, !!bool true, !!null null]"), "[12,3,true,null]");
    EXPECT_EQ(errorOf("{n: !!int abc}"), "t.yaml: v.n: 'abc' is not a valid !!int");
}

TEST(YamlToJsonTest, ReadsCustomTagsAsStringsWithAWarning) {
    std::vector<std::string> warnings;
    EXPECT_EQ(toJson("{k: !secret 12}", warnings), R"({"k":"12"})");
    EXPECT_EQ(warnings, std::vector<std::string>{"t.yaml: v.k: tag !secret is not interpreted; the value is read as a string"});
}

TEST(YamlToJsonTest, EscapesStrings) {
    EXPECT_EQ(toJson(R"(["line\nbreak", "q\"uote", 'back\slash', "tab\there", "\x01"])"),
              R"(["line\nbreak","q\"uote","back\\slash","tab\there","\u0001"])");
}

TEST(YamlToJsonTest, KeepsDocumentOrderAndNesting) {
    EXPECT_EQ(toJson("{z: 1, a: {list: [1, two, {three: 3.0}], empty_map: {}, empty_list: []}, m: 2}"),
              R"({"z":1,"a":{"list":[1,"two",{"three":3.0}],"empty_map":{},"empty_list":[]},"m":2})");
}

TEST(YamlToJsonTest, AppliesMergeKeysWithExplicitKeysWinning) {
    const std::string yaml = R"(
base: &base {a: 1, b: 1}
other: &other {b: 2, c: 2}
merged:
  <<: [*base, *other]
  a: 0
)";
    std::vector<std::string> warnings;
    NodeReader reader("t.yaml", warnings);
    EXPECT_EQ(yamlToJson(reader, YAML::Load(yaml)["merged"], "merged"), R"({"a":0,"b":1,"c":2})");
    EXPECT_EQ(errorOf("{<<: 3}"), "t.yaml: v.<<: merge value must be a mapping or a sequence of mappings");
    EXPECT_EQ(toJson("{\"<<\": 3}"), R"({"<<":3})");  // a quoted << is an ordinary key
}

TEST(YamlToJsonTest, RepeatedKeyWarnsAndLastValueWins) {
    std::vector<std::string> warnings;
    EXPECT_EQ(toJson("{a: 1, b: 2, a: 3}", warnings), R"({"a":3,"b":2})");
    EXPECT_EQ(warnings, std::vector<std::string>{"t.yaml: v.a: duplicate key, the last value is used"});
}

TEST(YamlToJsonTest, FilterSeesOnlyStringsWithTheirPaths) {
    std::vector<std::string> seen;
    std::vector<std::string> warnings;
    const StringFilter upper = [&seen](const std::string& value, const std::string& path) {
        seen.push_back(path + "=" + value);
        return value + "!";
    };
    EXPECT_EQ(toJson("{s: x, n: 1, b: true, z: null, q: \"2\", l: [y]}", warnings, upper),
              R"({"s":"x!","n":1,"b":true,"z":null,"q":"2!","l":["y!"]})");
    EXPECT_EQ(seen, (std::vector<std::string>{"v.s=x", "v.q=2", "v.l[0]=y"}));
}

TEST(YamlToJsonTest, RejectsRecursiveAliases) {
    // yaml-cpp turns a self-referencing alias into a cyclic graph; the walk must stop.
    const std::string error = errorOf("&l {again: *l}");
    EXPECT_EQ(error.rfind("t.yaml: v.again.again.again", 0), 0u) << error;
    EXPECT_NE(error.find("nested more than 64 levels (recursive alias?)"), std::string::npos) << error;
}

TEST(YamlToJsonTest, RejectsNonScalarKeys) {
    EXPECT_EQ(errorOf("{[a, b]: 1}"), "t.yaml: v: mapping keys must be scalars");
}

}  // namespace
}  // namespace portico::config
