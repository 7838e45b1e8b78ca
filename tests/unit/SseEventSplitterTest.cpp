#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "http/SseEventSplitter.h"

using portico::http::SseEventSplitter;

namespace {

std::vector<std::string> split(const std::vector<std::string>& pieces, bool finish = true) {
    SseEventSplitter splitter;
    std::vector<std::string> events;
    const auto collect = [&events](std::string_view data) {
        events.emplace_back(data);
        return true;
    };
    for (const auto& piece : pieces) splitter.feed(piece, collect);
    if (finish) splitter.finish(collect);
    return events;
}

}  // namespace

TEST(SseEventSplitterTest, SplitsDataOnlyEventsOnBlankLines) {
    EXPECT_EQ(split({"data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n"}),
              (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "[DONE]"}));
}

TEST(SseEventSplitterTest, ReassemblesEventsSplitAtEveryByte) {
    const std::string stream = "data: {\"x\":\"hello\"}\r\n\r\nevent: ping\ndata: second\n\n";
    std::vector<std::string> pieces;
    for (char c : stream) pieces.emplace_back(1, c);
    EXPECT_EQ(split(pieces), (std::vector<std::string>{"{\"x\":\"hello\"}", "second"}));
}

TEST(SseEventSplitterTest, AcceptsCarriageReturnLineEndsSplitBeforeTheLineFeed) {
    EXPECT_EQ(split({"data: one\r", "\n\r", "\ndata: two\r\r"}), (std::vector<std::string>{"one", "two"}));
}

TEST(SseEventSplitterTest, JoinsMultipleDataLinesWithNewline) {
    EXPECT_EQ(split({"data: line1\ndata:line2\n\n"}), (std::vector<std::string>{"line1\nline2"}));
}

TEST(SseEventSplitterTest, IgnoresCommentsAndEventsWithoutData) {
    EXPECT_EQ(split({": keep-alive\n\nevent: ping\n\nid: 7\ndata: x\n\n"}), (std::vector<std::string>{"x"}));
}

TEST(SseEventSplitterTest, StripsOnlyOneSpaceAfterTheColon) {
    EXPECT_EQ(split({"data:  two spaces\n\n"}), (std::vector<std::string>{" two spaces"}));
}

TEST(SseEventSplitterTest, FinishDispatchesAnEventMissingItsBlankLine) {
    EXPECT_EQ(split({"data: tail"}, false), (std::vector<std::string>{}));
    EXPECT_EQ(split({"data: tail"}, true), (std::vector<std::string>{"tail"}));
}

// Found by tests/fuzz/fuzz_sse_splitter: an empty piece between "\r" and "\n" used to forget the
// pending \r, so the \n read as a blank line and ended the event early ("a" then "b").
TEST(SseEventSplitterTest, AnEmptyPieceBetweenCarriageReturnAndLineFeedKeepsTheLineEndWhole) {
    EXPECT_EQ(split({"data: a\r", "", "\ndata: b\n\n"}), (std::vector<std::string>{"a\nb"}));
}

TEST(SseEventSplitterTest, StopsWhenTheHandlerSaysSo) {
    SseEventSplitter splitter;
    int seen = 0;
    const bool more = splitter.feed("data: 1\n\ndata: 2\n\n", [&seen](std::string_view) { return ++seen < 1; });
    EXPECT_FALSE(more);
    EXPECT_EQ(seen, 1);
}

TEST(SseEventSplitterTest, BufferedCountsTheEventInProgressOnly) {
    SseEventSplitter splitter;
    const auto ignore = [](std::string_view) { return true; };
    splitter.feed("data: done\n\ndata: 12345\ndata: 67", ignore);
    EXPECT_EQ(splitter.buffered(), std::string("12345").size() + std::string("data: 67").size());
    splitter.feed("\n\n", ignore);
    EXPECT_EQ(splitter.buffered(), 0u);
}

namespace {

/// Each dispatched event's data and the bytes eventBytes() reported for it.
std::vector<std::pair<std::string, std::string>> eventBytes(const std::vector<std::string>& pieces) {
    SseEventSplitter splitter;
    std::vector<std::pair<std::string, std::string>> events;
    const auto collect = [&](std::string_view data) {
        events.emplace_back(data, splitter.eventBytes());
        return true;
    };
    for (const auto& piece : pieces) splitter.feed(piece, collect);
    splitter.finish(collect);
    return events;
}

}  // namespace

TEST(SseEventSplitterTest, ReportsEachEventsBytesAsTheyArrived) {
    using Events = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(eventBytes({"data: a\n\n: keep-alive\n\ndata:b\r\n\r\ndata: c\ndata: d\n\n"}),
              (Events{{"a", "data: a\n\n"}, {"b", ": keep-alive\n\ndata:b\r\n\r\n"}, {"c\nd", "data: c\ndata: d\n\n"}}));
}

TEST(SseEventSplitterTest, ReportsNoBytesForAnEventSplitAcrossPieces) {
    using Events = std::vector<std::pair<std::string, std::string>>;
    // The second event starts in one piece and ends in the next; the third is whole again.
    EXPECT_EQ(eventBytes({"data: a\n\ndata: b", "\n\ndata: c\n\n", "data: d"}),
              (Events{{"a", "data: a\n\n"}, {"b", ""}, {"c", "data: c\n\n"}, {"d", ""}}));
}
