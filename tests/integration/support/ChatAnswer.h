#pragma once
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "support/Http.h"

namespace portico::itest {

/// What a chat answer carried, streamed or not, for tests of one provider's answers.
struct ChatAnswer {
    std::string id;
    std::string content;        ///< the message, or every delta's content joined
    std::string finish_reason;  ///< of the (last) choice
    int content_chunks = 0;     ///< stream chunks with non-empty delta content; 0 when not streamed
    Poco::JSON::Object::Ptr usage;  ///< the body's usage, or the stream's usage chunk; null if none
};

/// A 200 chat.completion body. Checks its shape with gtest assertions as it reads.
ChatAnswer readChatCompletion(const HttpResponse& response);

/// The events of a streamed chat answer (SseStream::readAll()): chat.completion.chunk objects and
/// a final [DONE]. Checks the framing with gtest assertions as it reads.
ChatAnswer readChatStream(const std::vector<std::string>& events);

}  // namespace portico::itest
