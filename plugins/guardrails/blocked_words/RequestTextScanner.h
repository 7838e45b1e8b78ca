#pragma once

#include "BlockedTermMatcher.h"

#include <simdjson.h>

namespace portico::guardrails::blocked_words {

/// What a scan of one canonical request found.
enum class Finding { Clean, Blocked, Malformed };

/// Finds blocked terms in the parts of a canonical request a person writes, and only there:
/// a model name or a user id that happens to contain a term must not block a request.
///
///   messages[].content   string, or array of parts whose "text" is read ({"type":"text"})
///   prompt               string or array of strings (legacy completions)
///   input                string, array of strings, or Responses-style items with
///                        "content"/"text" (embeddings, responses)
///
/// Strings are matched after JSON unescaping, so "\u0062ad" is "bad".
class RequestTextScanner {
public:
    explicit RequestTextScanner(const BlockedTermMatcher& matcher) : matcher_(matcher) {}

    /// @param root the parsed request; anything but an object is Malformed.
    Finding scan(simdjson::dom::element root) const;

private:
    /// Strings are matched; arrays are walked; objects are entered through "content" and "text".
    bool containsBlockedText(simdjson::dom::element value) const;

    const BlockedTermMatcher& matcher_;
};

}  // namespace portico::guardrails::blocked_words
