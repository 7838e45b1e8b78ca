#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace portico::pipeline {

/// The chat.completion.chunk JSONs that stream a complete chat.completion: one chunk per choice
/// whose delta is the whole message, then (when `with_usage` and the completion has usage) the
/// `"choices":[]` usage chunk. Used when a post-call guardrail rewrote a buffered stream's
/// response, so the client gets the rewrite in the shape it asked for. Throws core::GatewayError
/// (500) when the rewrite is not a chat.completion object.
std::vector<std::string> streamChunksOf(std::string_view completion_json, bool with_usage);

}  // namespace portico::pipeline
