#include "RequestTextScanner.h"

namespace portico::guardrails::blocked_words {

Finding RequestTextScanner::scan(simdjson::dom::element root) const {
    simdjson::dom::object request;
    if (root.get_object().get(request) != simdjson::SUCCESS) return Finding::Malformed;
    for (const simdjson::dom::key_value_pair field : request) {
        if (field.key == "messages" || field.key == "prompt" || field.key == "input") {
            if (containsBlockedText(field.value)) return Finding::Blocked;
        }
    }
    return Finding::Clean;
}

bool RequestTextScanner::containsBlockedText(simdjson::dom::element value) const {
    // The recursion depth is bounded by simdjson's maximum nesting depth (1024 by default),
    // and every frame here is small.
    switch (value.type()) {
        case simdjson::dom::element_type::STRING: {
            std::string_view text;
            return value.get_string().get(text) == simdjson::SUCCESS && matcher_.matches(text);
        }
        case simdjson::dom::element_type::ARRAY: {
            simdjson::dom::array items;
            if (value.get_array().get(items) != simdjson::SUCCESS) return false;
            for (const simdjson::dom::element item : items) {
                if (containsBlockedText(item)) return true;
            }
            return false;
        }
        case simdjson::dom::element_type::OBJECT: {
            simdjson::dom::object object;
            if (value.get_object().get(object) != simdjson::SUCCESS) return false;
            for (const simdjson::dom::key_value_pair field : object) {
                if ((field.key == "content" || field.key == "text") && containsBlockedText(field.value)) {
                    return true;
                }
            }
            return false;
        }
        default:
            return false;  // numbers (token ids), booleans and null carry no text
    }
}

}  // namespace portico::guardrails::blocked_words
