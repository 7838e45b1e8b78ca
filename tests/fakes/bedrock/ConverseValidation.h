#pragma once
#include <simdjson.h>

#include <string>

namespace portico::fakes::bedrock {

/// What Bedrock's Converse checks before the model sees a request, with its ValidationException
/// wording where it is known: messages present, starting with user and alternating, roles
/// user/assistant, content non-empty, every block exactly one known member, text not blank,
/// tool ids in Converse's alphabet, a toolResult only after the toolUse it answers, a toolConfig
/// whenever the history holds tool blocks, system an array of {text}, temperature and topP 0..1,
/// maxTokens >= 1. Returns the message for a 400, or "" for a valid body.
std::string invalidConverseBody(simdjson::dom::element body);

}  // namespace portico::fakes::bedrock
