#pragma once
#include <string_view>

namespace portico::fakes::gemini {

/// What the Gemini fake does, chosen by the model in the URL (the gateway forwards the model,
/// nothing else a test could steer by), like openai/ModelBehavior:
///   gemini-error-<status>  that status with Google's error body (429 also sends Retry-After)
///   gemini-tool            a functionCall of the first declared function (or get_weather)
///   gemini-stream-cut      a stream that closes without a finishReason
///   gemini-safety          finishReason SAFETY with no content
///   gemini-blocked         no candidates, promptFeedback.blockReason SAFETY
///   anything else          a text answer ("Hello from fake gemini"), or a 3-event stream
struct GeminiBehavior {
    enum class Kind { Normal, Error, Tool, StreamCut, Safety, Blocked };
    Kind kind = Kind::Normal;
    int status = 200;

    static GeminiBehavior fromModel(std::string_view model);
};

}  // namespace portico::fakes::gemini
