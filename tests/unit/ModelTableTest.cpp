#include <gtest/gtest.h>

#include <map>

#include "routing/ModelTable.h"

using portico::config::Deployment;
using portico::routing::ModelTable;

namespace {

std::shared_ptr<const Deployment> deployment(const std::string& name, const std::string& id, double weight) {
    auto d = std::make_shared<Deployment>();
    d->model_name = name;
    d->id = id;
    d->weight = weight;
    return d;
}

}  // namespace

TEST(ModelTableTest, UnknownModelHasNoRoute) {
    ModelTable table;
    table.add({deployment("a", "a#0", 1), nullptr});
    EXPECT_EQ(table.select("b"), nullptr);
    ASSERT_NE(table.select("a"), nullptr);
    EXPECT_EQ(table.select("a")->deployment->id, "a#0");
}

TEST(ModelTableTest, ListsGroupNamesOnceInConfigOrder) {
    ModelTable table;
    table.add({deployment("b", "b#0", 1), nullptr});
    table.add({deployment("a", "a#1", 1), nullptr});
    table.add({deployment("b", "b#2", 1), nullptr});
    EXPECT_EQ(table.modelNames(), (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(table.routes().size(), 3u);
}

TEST(ModelTableTest, SpreadsAGroupByWeight) {
    ModelTable table;
    table.add({deployment("g", "heavy", 3), nullptr});
    table.add({deployment("g", "light", 1), nullptr});
    std::map<std::string, int> picks;
    constexpr int kDraws = 20000;
    for (int i = 0; i < kDraws; ++i) ++picks[table.select("g")->deployment->id];
    // 3:1 by weight; 20k draws put the share within a few percent of 0.75 with overwhelming odds.
    const double heavy_share = static_cast<double>(picks["heavy"]) / kDraws;
    EXPECT_GT(heavy_share, 0.70);
    EXPECT_LT(heavy_share, 0.80);
    EXPECT_GT(picks["light"], 0);
}
