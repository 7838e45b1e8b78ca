#pragma once
#include "http/ApiHandler.h"

namespace portico::api {

/// POST /v1/chat/completions (OpenAI), stream and non-stream.
class ChatCompletionsHandler : public http::ApiHandler {
public:
    using ApiHandler::ApiHandler;

protected:
    void serve(http::Exchange& exchange) override;
};

}  // namespace portico::api
