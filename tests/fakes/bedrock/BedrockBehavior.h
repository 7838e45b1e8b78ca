#pragma once
#include <string_view>

namespace portico::fakes::bedrock {

/// What the Bedrock fake does, chosen by the model id in the path (the one thing a test steers
/// through the gateway), like the other fakes:
///   fake.throttle*          429 ThrottlingException
///   fake.context*           400 ValidationException "Input is too long for requested model."
///   fake.denied*            403 AccessDeniedException
///   fake.tool*              a toolUse of the first declared tool (streams: split input deltas)
///   fake.stream-exception*  a stream that starts, then sends a throttlingException frame
///   fake.stream-cut*        a stream that ends before messageStop
///   anything else           "Hello from fake bedrock", or that text in three deltas
struct BedrockBehavior {
    enum class Kind { Normal, Throttle, Context, Denied, Tool, StreamException, StreamCut };
    Kind kind = Kind::Normal;

    static BedrockBehavior fromModel(std::string_view model_id);
};

}  // namespace portico::fakes::bedrock
