#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <string>
#include <string_view>

#include "FakeState.h"
#include "openai/ModelBehavior.h"
#include "openai/OpenAiBodies.h"

namespace portico::fakes {

/// POST /v1/chat/completions, behaving like api.openai.com for ordinary model names and like a
/// misbehaving upstream for the scenario names of ModelBehavior. Non-streamed replies go out
/// with one sendBuffer() (the load benchmark's hot path); streams flush per event and count a
/// failed flush as an aborted stream.
class ChatCompletionsHandler : public Poco::Net::HTTPRequestHandler {
public:
    /// Who checks the credential: this handler (OpenAI's `Authorization: Bearer`), or a fake of
    /// another service of the same wire format (Azure's api-key) that already did.
    enum class Auth { Bearer, CheckedByCaller };

    explicit ChatCompletionsHandler(FakeState& state, Auth auth = Auth::Bearer) : state_(state), auth_(auth) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    /// What the request body asked for, after validation.
    struct ParsedRequest {
        std::string model;
        bool stream = false;
        bool include_usage = false;
    };

    /// Returns false (having answered 400) if the body is not a usable chat request.
    bool parse(const std::string& body, ParsedRequest& parsed, Poco::Net::HTTPServerResponse& response);
    void sendCompletion(const ParsedRequest& parsed, int promptTokens, Poco::Net::HTTPServerResponse& response);
    /// How a stream ends: normally with [DONE], with an error event after one content chunk, or
    /// cut off after one content chunk (the body ends, no [DONE]).
    enum class StreamEnd { Done, ErrorEvent, Cut };
    struct StreamShape {
        int chunks = 0;                ///< content chunks
        int delay_ms = 0;              ///< before each content chunk and the finish chunk
        StreamEnd end = StreamEnd::Done;
        std::size_t chunk_bytes = 0;   ///< 0: pieces of the reply text; else chunks of this many 'x'
    };
    void sendStream(const ParsedRequest& parsed, int promptTokens, const StreamShape& shape,
                    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
    /// Closes the connection with an RST and no reply, like an upstream that crashed.
    static void resetConnection(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    CompletionIdentity identityFor(const std::string& model);

    FakeState& state_;
    Auth auth_;
};

/// Sends `body` as application/json with `status` in one write.
void sendJson(Poco::Net::HTTPServerResponse& response, int status, std::string_view body);

}  // namespace portico::fakes
