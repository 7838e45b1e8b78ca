#include "http/RequestHeadScanner.h"

#include <gtest/gtest.h>

#include <string>

namespace portico::http {
namespace {

using State = HeadScan::State;
constexpr std::size_t kLimit = 1024;

HeadScan scan(const std::string& text) { return scanRequestHead(text, kLimit); }

TEST(RequestHeadScannerTest, FindsTheEndOfACompleteHeadAndItsFraming) {
    const std::string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-LENGTH:  12 \r\n\r\n";
    const HeadScan result = scan(head + "{\"a\":1}");
    ASSERT_EQ(result.state, State::complete) << result.error;
    EXPECT_EQ(result.head_bytes, head.size());
    EXPECT_EQ(result.content_length, 12);
    EXPECT_FALSE(result.chunked);
}

TEST(RequestHeadScannerTest, AcceptsBareLineFeedsAndLeadingEmptyLines) {
    const HeadScan result = scan("\r\n\nGET / HTTP/1.1\nHost: x\n\n");
    ASSERT_EQ(result.state, State::complete) << result.error;
    EXPECT_EQ(result.head_bytes, 27u);
    EXPECT_EQ(result.content_length, -1);
}

TEST(RequestHeadScannerTest, AnUnfinishedHeadIsIncompleteUntilItsBlankLine) {
    EXPECT_EQ(scan("GET /health HTTP/1.1\r\nHost: x\r\n").state, State::incomplete);
    EXPECT_EQ(scan("GET /health HTTP/1.1\r\nHost: x\r\n\r").state, State::incomplete);
    EXPECT_EQ(scan("").state, State::incomplete);
    EXPECT_EQ(scan("\r\n\r\n").state, State::incomplete);  // empty lines only: no request line yet
}

TEST(RequestHeadScannerTest, ResumingGivesTheSameAnswerAsScanningFromTheStart) {
    const std::string head = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n";
    for (std::size_t resume = 0; resume <= head.size(); ++resume) {
        const HeadScan result = scanRequestHead(head, kLimit, resume);
        ASSERT_EQ(result.state, State::complete) << resume;
        EXPECT_EQ(result.head_bytes, head.size()) << resume;
    }
    // A terminator split across two reads is found when the scan resumes where the first stopped.
    const std::string first = "GET / HTTP/1.1\r\nHost: x\r\n\r";
    ASSERT_EQ(scan(first).state, State::incomplete);
    EXPECT_EQ(scanRequestHead(first + "\n", kLimit, first.size()).state, State::complete);
}

TEST(RequestHeadScannerTest, HeadsOverTheLimitAreTooLarge) {
    EXPECT_EQ(scan("GET / HTTP/1.1\r\nX: " + std::string(kLimit, 'a')).state, State::too_large);
    EXPECT_EQ(scan("GET / HTTP/1.1\r\nX: " + std::string(kLimit, 'a') + "\r\n\r\n").state, State::too_large);
}

TEST(RequestHeadScannerTest, RefusesFramingThatIsAmbiguousOrOverflows) {
    const std::string start = "POST / HTTP/1.1\r\nHost: x\r\n";
    for (const char* framing : {"Content-Length: 99999999999999999999\r\n", "Content-Length: 1e3\r\n",
                                "Content-Length: -1\r\n", "Content-Length:\r\n", "Content-Length: 1, 1\r\n",
                                "Content-Length: 1\r\nContent-Length: 2\r\n",
                                "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n",
                                "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                                "Content-Length : 1\r\n", "X-A: 1\r\n  continued\r\n", "no colon here\r\n", ": empty name\r\n"}) {
        const HeadScan result = scan(start + framing + "\r\n");
        EXPECT_EQ(result.state, State::malformed) << framing;
        EXPECT_FALSE(result.error.empty()) << framing;
    }
}

TEST(RequestHeadScannerTest, AcceptsRepeatedEqualLengthsChunkedAndExpectContinue) {
    const std::string start = "POST / HTTP/1.1\r\nHost: x\r\n";
    EXPECT_EQ(scan(start + "Content-Length: 7\r\ncontent-length: 7\r\n\r\n").content_length, 7);
    const HeadScan chunked = scan(start + "Transfer-Encoding: Chunked\r\nExpect: 100-continue\r\n\r\n");
    ASSERT_EQ(chunked.state, State::complete) << chunked.error;
    EXPECT_TRUE(chunked.chunked);
    EXPECT_TRUE(chunked.expect_continue);
    EXPECT_EQ(chunked.content_length, -1);
}

}  // namespace
}  // namespace portico::http
