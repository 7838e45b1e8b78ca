#include "api/anthropic/TokenEstimate.h"

#include <string_view>

namespace portico::api::anthropic {
namespace {

constexpr uint64_t kCharsPerToken = 4;
constexpr uint64_t kTokensPerMessage = 3;
constexpr uint64_t kTokensPerAttachment = 1500;

struct Tally {
    uint64_t chars = 0;
    uint64_t attachments = 0;
};

/// Adds every string's length under `value`, except the payload of a media source (counted flat).
void tally(simdjson::dom::element value, Tally& out) {
    switch (value.type()) {
        case simdjson::dom::element_type::STRING: out.chars += value.get_string().value_unsafe().size(); break;
        case simdjson::dom::element_type::ARRAY: {
            const simdjson::dom::array items = value.get_array().value_unsafe();
            for (simdjson::dom::element item : items) tally(item, out);
            break;
        }
        case simdjson::dom::element_type::OBJECT: {
            std::string_view type;
            const simdjson::dom::object object = value.get_object().value_unsafe();
            if (!object["type"].get_string().get(type) && (type == "image" || type == "document")) {
                ++out.attachments;
                break;
            }
            for (auto field : object)
                if (field.key != "type") tally(field.value, out);
            break;
        }
        default: break;
    }
}

}  // namespace

uint64_t estimateInputTokens(simdjson::dom::object request) {
    Tally total;
    uint64_t messages = 0;
    for (std::string_view key : {"system", "messages", "tools"}) {
        simdjson::dom::element value;
        if (request[key].get(value)) continue;
        tally(value, total);
        if (key == "messages" && value.is_array()) messages = value.get_array().value_unsafe().size();
    }
    return (total.chars + kCharsPerToken - 1) / kCharsPerToken + messages * kTokensPerMessage +
           total.attachments * kTokensPerAttachment;
}

}  // namespace portico::api::anthropic
