#include "support/ChatAnswer.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

namespace portico::itest {
namespace {

/// The first choice of a completion or chunk, or null when it has none (the usage chunk).
Poco::JSON::Object::Ptr firstChoice(const Poco::JSON::Object::Ptr& object) {
    const auto choices = object->getArray("choices");
    if (!choices || choices->size() == 0) return nullptr;
    return choices->getObject(0);
}

std::string optString(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    return object && object->has(key) && object->get(key).isString() ? object->getValue<std::string>(key) : "";
}

}  // namespace

ChatAnswer readChatCompletion(const HttpResponse& response) {
    ChatAnswer answer;
    EXPECT_EQ(response.status, 200) << response.describe();
    if (response.status != 200) return answer;
    const auto body = response.json();
    EXPECT_EQ(optString(body, "object"), "chat.completion") << response.body;
    answer.id = optString(body, "id");
    const auto choice = firstChoice(body);
    EXPECT_TRUE(choice) << "no choice: " << response.body;
    if (choice) {
        const auto message = choice->getObject("message");
        EXPECT_EQ(optString(message, "role"), "assistant") << response.body;
        answer.content = optString(message, "content");
        answer.finish_reason = optString(choice, "finish_reason");
    }
    answer.usage = body->getObject("usage");
    return answer;
}

ChatAnswer readChatStream(const std::vector<std::string>& events) {
    ChatAnswer answer;
    EXPECT_FALSE(events.empty()) << "empty stream";
    if (events.empty()) return answer;
    EXPECT_EQ(events.back(), "[DONE]") << "the stream did not end with [DONE]";
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        const auto chunk = parseObject(events[i]);
        EXPECT_FALSE(chunk->has("error")) << events[i];
        EXPECT_EQ(optString(chunk, "object"), "chat.completion.chunk") << events[i];
        if (answer.id.empty()) answer.id = optString(chunk, "id");
        if (chunk->has("usage") && chunk->getObject("usage")) answer.usage = chunk->getObject("usage");
        const auto choice = firstChoice(chunk);
        if (!choice) continue;
        const std::string piece = optString(choice->getObject("delta"), "content");
        if (!piece.empty()) ++answer.content_chunks;
        answer.content += piece;
        if (const std::string finish = optString(choice, "finish_reason"); !finish.empty()) answer.finish_reason = finish;
    }
    return answer;
}

}  // namespace portico::itest
