// The bundled jsonl observer and blocked_words guardrail, seen from outside: what lands in the
// events file and what a blocked client is told.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

#include "support/Eventually.h"
#include "support/GatewayTest.h"
#include "support/SseStream.h"

namespace portico::itest {
namespace {

class ObserverGuardrailTest : public GatewayTest {
protected:
    /// The event types (the "type", or else "event", member) of the events-file lines that
    /// carry `requestId`.
    std::set<std::string> eventTypesFor(const std::string& requestId) const {
        std::set<std::string> types;
        std::istringstream lines(readFile(config_.events_path));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.empty() || line.find(requestId) == std::string::npos) continue;
            const auto event = parseObject(line);
            if (event->optValue<std::string>("request_id", "") != requestId) continue;
            types.insert(event->has("type") ? event->getValue<std::string>("type")
                                            : event->optValue<std::string>("event", "?"));
        }
        return types;
    }

    /// Waits (bounded) until all four exchange events of `requestId` are in the file.
    bool waitForExchange(const std::string& requestId) const {
        const std::set<std::string> expected{"request", "provider_request", "provider_response", "response"};
        return eventually(
            [&] {
                const auto types = eventTypesFor(requestId);
                return std::includes(types.begin(), types.end(), expected.begin(), expected.end());
            },
            std::chrono::seconds(10));
    }
};

TEST_F(ObserverGuardrailTest, JsonlRecordsTheExchangeWithoutSecrets) {
    const auto response = chat(chatBody("gpt-test"));
    ASSERT_EQ(response.status, 200) << response.describe();
    const std::string requestId = response.header("x-request-id");
    ASSERT_FALSE(requestId.empty());

    EXPECT_TRUE(waitForExchange(requestId))
        << "events for " << requestId << ":\n" << readFile(config_.events_path) << "\n" << gateway_->describe();
    const std::string events = readFile(config_.events_path);
    EXPECT_EQ(events.find(kUpstreamKey), std::string::npos) << "upstream api key leaked into the events file";
    EXPECT_EQ(events.find(kMasterKey), std::string::npos) << "master key leaked into the events file";
}

TEST_F(ObserverGuardrailTest, JsonlRecordsTheChunkSequenceOfAStream) {
    SseStream stream(port(), chatBody("gpt-test", "Say hello", true), kMasterKey);
    ASSERT_EQ(stream.status(), 200);
    const std::string requestId = stream.header("x-request-id");
    ASSERT_FALSE(requestId.empty());
    const auto events = stream.readAll();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back(), "[DONE]");

    EXPECT_TRUE(waitForExchange(requestId)) << readFile(config_.events_path);
    bool hasChunks = false;
    std::istringstream lines(readFile(config_.events_path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find(requestId) != std::string::npos && line.find("\"chunk_sequence\"") != std::string::npos) {
            hasChunks = true;
        }
    }
    EXPECT_TRUE(hasChunks) << "no chunk_sequence for the streamed request:\n" << readFile(config_.events_path);
    EXPECT_EQ(readFile(config_.events_path).find(kUpstreamKey), std::string::npos);
}

TEST_F(ObserverGuardrailTest, BlockedWordIsRejectedWithoutEchoingIt) {
    const auto response = chat(chatBody("gpt-test", std::string("please say ") + kBlockedWord + " now"));
    const auto error = expectOpenAiError(response, 400);
    const std::string message = error->getValue<std::string>("message");
    EXPECT_NE(message.find("blocked_words"), std::string::npos) << message;
    EXPECT_EQ(message.find(kBlockedWord), std::string::npos) << "the blocked word was echoed: " << message;
    EXPECT_EQ(fake_->stat("requests"), 0) << "a blocked request reached the upstream";

    EXPECT_EQ(chat(chatBody("gpt-test", "a harmless request")).status, 200);
}

}  // namespace
}  // namespace portico::itest
