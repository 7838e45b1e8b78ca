#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <optional>
#include <string_view>

#include "FakeState.h"
#include "anthropic/ClaudeBehavior.h"
#include "anthropic/MessagesValidation.h"

namespace portico::fakes::anthropic {

/// POST /v1/messages and /v1/messages/count_tokens, behaving like api.anthropic.com: x-api-key
/// required ("sk-bad" is refused), anthropic-version required, bodies validated as the real API
/// does (MessagesValidation), answers and streams in its wire shape (event: lines, ping,
/// message_stop), and the scenarios of ClaudeBehavior chosen by the model name.
class MessagesHandler : public Poco::Net::HTTPRequestHandler {
public:
    MessagesHandler(FakeState& state, Endpoint endpoint) : state_(state), endpoint_(endpoint) {}

    /// The endpoint of a POST to `path`, or nullopt when the path is not Anthropic's.
    static std::optional<Endpoint> endpointOf(std::string_view path);

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    void sendStream(const MessagesRequest& parsed, ClaudeBehavior behavior, int input_tokens,
                    Poco::Net::HTTPServerResponse& response);

    FakeState& state_;
    Endpoint endpoint_;
};

}  // namespace portico::fakes::anthropic
