#pragma once
#include <simdjson.h>

#include <cstdint>
#include <string>

#include "pipeline/InboundRequest.h"

namespace portico::pipeline {

/// InboundRequest::codec_flags of an OpenAI chat or completions request: the client asked for a
/// final usage chunk (stream_options.include_usage).
constexpr uint32_t kIncludeUsage = 0x1;

/// Parses and validates an OpenAI /v1/chat/completions body (the whole document, so malformed
/// JSON anywhere is a 400; duplicate keys at the top level and in messages are refused). The
/// bytes are kept as they came: a pass-through only splices "model". Throws GatewayError 400
/// naming the offending field. Also what a guardrail's rewrite and a translated body go through.
InboundRequest parseChatRequest(std::string body);

/// Whether an OpenAI request object asks for stream_options.include_usage.
bool includesUsage(simdjson::dom::object request);

}  // namespace portico::pipeline
