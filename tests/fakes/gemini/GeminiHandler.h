#pragma once
#include <Poco/Net/HTTPRequestHandler.h>

#include <string>
#include <string_view>

#include "FakeState.h"

namespace portico::fakes::gemini {

/// POST /v1beta/models/{model}:{generateContent|streamGenerateContent|embedContent|batchEmbedContents},
/// answering like generativelanguage.googleapis.com: the key in x-goog-api-key (or ?key=), 403
/// without one and 400 API_KEY_INVALID for "sk-bad"; 400 INVALID_ARGUMENT for roles other than
/// user/model or empty parts; streams as SSE with ?alt=sse, else as the JSON array the real API
/// streams. Scenarios by model name (GeminiBehavior).
class GeminiHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit GeminiHandler(FakeState& state) : state_(state) {}

    /// True for the paths this handler serves, so FakeRouter can ask.
    static bool claims(std::string_view method, std::string_view path);

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    FakeState& state_;
};

}  // namespace portico::fakes::gemini
