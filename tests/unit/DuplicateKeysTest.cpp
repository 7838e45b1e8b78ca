#include <gtest/gtest.h>

#include <simdjson.h>

#include <string>

#include "core/DuplicateKeys.h"

using portico::core::findDuplicateKey;

namespace {

/// {"k0":0,"k1":1,...} with `count` keys, plus `extra` (a raw `"key":value` member) at the end.
std::string objectWithKeys(int count, const std::string& extra = {}) {
    std::string json = "{";
    for (int i = 0; i < count; ++i) json += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
    if (!extra.empty()) json += "," + extra;
    return json + "}";
}

std::optional<std::string> duplicateIn(const std::string& json) {
    simdjson::dom::parser parser;
    simdjson::dom::object object = parser.parse(json).get_object().value();
    const auto key = findDuplicateKey(object);
    return key ? std::optional<std::string>(*key) : std::nullopt;
}

}  // namespace

TEST(DuplicateKeysTest, FindsNoneInObjectsWithDistinctKeys) {
    EXPECT_EQ(duplicateIn("{}"), std::nullopt);
    EXPECT_EQ(duplicateIn(R"({"a":1,"ab":2,"b":{"a":1}})"), std::nullopt);  // nested objects are their own
    EXPECT_EQ(duplicateIn(objectWithKeys(5)), std::nullopt);
    EXPECT_EQ(duplicateIn(objectWithKeys(5000)), std::nullopt);
}

TEST(DuplicateKeysTest, FindsADuplicateInSmallAndLargeObjects) {
    EXPECT_EQ(duplicateIn(R"({"a":1,"b":2,"a":3})"), "a");
    EXPECT_EQ(duplicateIn(objectWithKeys(3, R"("k1":"again")")), "k1");
    // Past the pairwise cutoff the keys are sorted; the answer is the same.
    EXPECT_EQ(duplicateIn(objectWithKeys(5000, R"("k4321":"again")")), "k4321");
    EXPECT_EQ(duplicateIn(R"({"caf\u00e9":1,"café":2})"), "café");
}
