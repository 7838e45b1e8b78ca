#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace portico::api {

/// A validated /v1/chat/completions body. The original bytes are kept as they came: a proxy
/// that forwards them only splices the "model" value and never re-serializes the rest.
struct ChatRequest {
    std::string body;  ///< capacity includes simdjson padding
    std::string model;
    bool stream = false;
};

/// Parses and validates (whole document, so malformed JSON anywhere is a 400). Throws
/// GatewayError 400 naming the offending field.
ChatRequest parseChatRequest(std::string body);

/// `request.body` with the top-level "model" value replaced by `model` (a byte splice).
std::string withModel(const ChatRequest& request, std::string_view model);

}  // namespace portico::api
