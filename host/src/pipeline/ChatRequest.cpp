#include "pipeline/ChatRequest.h"

#include "core/DuplicateKeys.h"
#include "core/GatewayError.h"
#include "pipeline/RequestJson.h"

namespace portico::pipeline {

bool includesUsage(simdjson::dom::object request) {
    bool include = false;
    return !request.at_pointer("/stream_options/include_usage").get_bool().get(include) && include;
}

InboundRequest parseChatRequest(std::string body) {
    InboundRequest request;
    {
        RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        std::size_t index = 0;
        for (simdjson::dom::element message : json.requiredArray("messages", true)) {
            const auto where = [index] { return "messages[" + std::to_string(index) + "]"; };
            simdjson::dom::object fields;
            std::string_view role;
            if (message.get_object().get(fields) || fields["role"].get_string().get(role))
                throw core::GatewayError::badRequest(where() + ".role is required and must be a string", {}, "messages");
            // Guardrails and observers read a message's fields too ("role", "content"): one
            // occurrence checked, another served would bypass them just as at the top level.
            if (const auto key = core::findDuplicateKey(fields)) throw core::duplicateKeyError(*key, where());
            ++index;
        }
        request.stream = json.optionalBool("stream");
        if (includesUsage(json.root())) request.codec_flags |= kIncludeUsage;
    }
    request.body = std::move(body);
    return request;
}

}  // namespace portico::pipeline
