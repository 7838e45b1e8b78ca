#include "pipeline/ModelSplice.h"

#include <simdjson.h>

#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "pipeline/RequestJson.h"

namespace portico::pipeline {

std::string spliceModel(const std::string& body, std::string_view model) {
    core::ThreadJsonParser<simdjson::ondemand::parser> parser;
    simdjson::ondemand::document document = parser->iterate(paddedView(body));
    // Keys compare unescaped ("mod\u0065l" is "model"), as the codecs' DOM lookup reads them;
    // find_field compares the raw key text, missed such a key and threw.
    std::string_view token;
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "model") {
            token = field.value().raw_json_token();
            break;
        }
    }
    while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    if (token.empty()) return body;  // no top-level "model" (a codec that routes by URL)
    const std::size_t offset = static_cast<std::size_t>(token.data() - body.data());
    std::string out;
    out.reserve(body.size() + model.size() + simdjson::SIMDJSON_PADDING);
    out.append(body, 0, offset);
    core::appendJsonString(out, model);
    out.append(body, offset + token.size(), std::string::npos);
    return out;
}

}  // namespace portico::pipeline
