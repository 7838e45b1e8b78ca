// The event-stream framing: the published test vectors, the worked Bedrock frame of
// wire-formats.md §11.5, messages split across feeds anywhere, and corruption.
#include <gtest/gtest.h>

#include <string>

#include "EventStreamDecoder.h"
#include "EventStreamFrames.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using plugin_common::PluginError;

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values) out.push_back(static_cast<char>(v));
    return out;
}

TEST(EventStreamDecoderTest, Crc32MatchesZlib) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32(""), 0u);
    EXPECT_EQ(crc32("6789", crc32("12345")), 0xCBF43926u);
}

TEST(EventStreamDecoderTest, EmptyMessageVector) {
    EventStreamDecoder decoder;
    const auto messages =
        decoder.feed(bytes({0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff}));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_TRUE(messages[0].headers.empty());
    EXPECT_TRUE(messages[0].payload.empty());
    EXPECT_FALSE(decoder.hasPartialMessage());
}

TEST(EventStreamDecoderTest, PayloadNoHeadersVector) {
    const std::string encoded = testing::frame({}, "{'foo':'bar'}");
    ASSERT_EQ(encoded.size(), 29u);
    EXPECT_EQ(encoded.substr(8, 4), bytes({0xfd, 0x52, 0x8c, 0x5a}));
    EXPECT_EQ(encoded.substr(25, 4), bytes({0xc3, 0x65, 0x39, 0x36}));
    EventStreamDecoder decoder;
    const auto messages = decoder.feed(encoded);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].payload, "{'foo':'bar'}");
}

TEST(EventStreamDecoderTest, WorkedBedrockMessageStartFrame) {
    const std::string encoded = testing::event("messageStart", R"({"role":"assistant"})");
    ASSERT_EQ(encoded.size(), 118u);
    EXPECT_EQ(encoded.substr(8, 4), bytes({0x96, 0xd5, 0xfa, 0xde}));
    EXPECT_EQ(encoded.substr(114, 4), bytes({0x6f, 0xa8, 0xc5, 0x99}));
    EventStreamDecoder decoder;
    const auto messages = decoder.feed(encoded);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].header(":event-type"), "messageStart");
    EXPECT_EQ(messages[0].header(":message-type"), "event");
    EXPECT_EQ(messages[0].header(":content-type"), "application/json");
    EXPECT_EQ(messages[0].payload, R"({"role":"assistant"})");
}

TEST(EventStreamDecoderTest, MessagesSplitAnywhereAcrossFeedsComeOutWholeAndInOrder) {
    const std::string stream = testing::event("messageStart", R"({"role":"assistant"})") +
                               testing::event("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})") +
                               testing::event("messageStop", R"({"stopReason":"end_turn"})");
    for (std::size_t step = 1; step <= stream.size(); step += (step < 20 ? 1 : 37)) {
        EventStreamDecoder decoder;
        std::vector<std::string> types;
        for (std::size_t at = 0; at < stream.size(); at += step)
            for (const auto& message : decoder.feed(std::string_view(stream).substr(at, step)))
                types.emplace_back(message.header(":event-type"));
        EXPECT_EQ(types, (std::vector<std::string>{"messageStart", "contentBlockDelta", "messageStop"})) << step;
        EXPECT_FALSE(decoder.hasPartialMessage());
    }
}

TEST(EventStreamDecoderTest, AnUnfinishedMessageIsReportedAsPartial) {
    const std::string encoded = testing::event("messageStart", R"({"role":"assistant"})");
    EventStreamDecoder decoder;
    EXPECT_TRUE(decoder.feed(encoded.substr(0, 50)).empty());
    EXPECT_TRUE(decoder.hasPartialMessage());
}

TEST(EventStreamDecoderTest, NonStringHeadersAreSkipped) {
    // name "n", type 4 (int32) with 4 value bytes, then a string header.
    std::string header_block = bytes({1, 'n', 4, 0, 0, 0, 7});
    header_block += bytes({2, 's', 's', 7, 0, 1, 'v'});
    std::string encoded;
    testing::appendBigEndian(encoded, static_cast<std::uint32_t>(16 + header_block.size()), 4);
    testing::appendBigEndian(encoded, static_cast<std::uint32_t>(header_block.size()), 4);
    testing::appendBigEndian(encoded, crc32(encoded), 4);
    encoded += header_block;
    testing::appendBigEndian(encoded, crc32(encoded), 4);
    EventStreamDecoder decoder;
    const auto messages = decoder.feed(encoded);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].headers.size(), 1u);
    EXPECT_EQ(messages[0].header("ss"), "v");
}

TEST(EventStreamDecoderTest, BadPreludeCrcThrows) {
    std::string encoded = testing::event("messageStart", R"({"role":"assistant"})");
    encoded[9] = static_cast<char>(encoded[9] ^ 0x01);
    EventStreamDecoder decoder;
    try {
        decoder.feed(encoded.substr(0, 12));  // the prelude alone is enough to know
        FAIL() << "no throw";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), PORTICO_ERR_UPSTREAM);
        EXPECT_EQ(e.httpStatus(), 502);
        EXPECT_NE(std::string(e.what()).find("prelude CRC"), std::string::npos);
    }
}

TEST(EventStreamDecoderTest, BadMessageCrcThrows) {
    std::string encoded = testing::event("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})");
    encoded[encoded.size() - 10] = 'X';  // a payload byte
    EventStreamDecoder decoder;
    EXPECT_THROW(decoder.feed(encoded), PluginError);
}

TEST(EventStreamDecoderTest, ImpossibleLengthThrows) {
    std::string prelude;
    testing::appendBigEndian(prelude, 8, 4);  // shorter than a prelude and a CRC
    testing::appendBigEndian(prelude, 0, 4);
    testing::appendBigEndian(prelude, crc32(prelude), 4);
    EventStreamDecoder decoder;
    EXPECT_THROW(decoder.feed(prelude), PluginError);
}

}  // namespace
}  // namespace portico::bedrock
