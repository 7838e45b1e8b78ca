#pragma once
#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>

#include "core/GatewayError.h"
#include "core/ThreadJsonParser.h"

namespace portico::pipeline {

/// A client's body parsed for validation by an inbound codec: the whole document (malformed JSON
/// anywhere is a 400), which must be an object without duplicate keys. Holds this thread's DOM
/// parser: views into the document live as long as this object, and no other RequestJson may be
/// alive on the thread at the same time.
class RequestJson {
public:
    /// Parses `body` in place (adding simdjson's padding to its capacity if it lacks it).
    explicit RequestJson(std::string& body);

    simdjson::dom::object& root() { return root_; }
    /// A required non-empty string field; 400 naming it otherwise.
    std::string_view requiredString(std::string_view key) const;
    /// A boolean field that may be absent or null (false then); 400 if it is another type.
    bool optionalBool(std::string_view key) const;
    /// A required array field (non-empty when `non_empty`); 400 naming it otherwise.
    simdjson::dom::array requiredArray(std::string_view key, bool non_empty) const;

private:
    core::ThreadJsonParser<simdjson::dom::parser> parser_;
    simdjson::dom::object root_;
};

/// Reads a value that may be absent or of another type, in which case `out` keeps its default.
/// Returns whether it was read.
template <typename T, typename Result>
bool readIfPresent(Result&& result, T& out) {
    return !std::forward<Result>(result).get(out);
}

/// The 400 for a field of the client's request: "<where>: <what>", param = where (e.g.
/// "messages[2].content[0].type").
core::GatewayError invalidField(const std::string& where, const std::string& what);
/// Appends `,"key":` to a JSON object being written (one whose first member is already out).
void appendMemberKey(std::string& out, std::string_view key);

/// simdjson's view of a body whose capacity includes the padding (as RequestJson leaves it).
simdjson::padded_string_view paddedView(const std::string& body);
/// Adds simdjson's padding to `body`'s capacity if it lacks it (bodies from a guardrail rewrite).
void ensurePadding(std::string& body);

}  // namespace portico::pipeline
