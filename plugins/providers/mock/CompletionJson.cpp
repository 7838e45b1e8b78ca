#include "CompletionJson.h"

#include <portico/json_string.hpp>

namespace portico::mock {

using sdk::appendJsonString;

CompletionJson::CompletionJson(std::string_view request_id, std::string_view model, uint64_t created)
    : created_(created) {
    appendJsonString(id_json_, "chatcmpl-mock-" + std::string(request_id));
    appendJsonString(model_json_, model);
}

std::string CompletionJson::header(std::string_view object) const {
    std::string out;
    out.reserve(160);
    out += "{\"id\":";
    out += id_json_;
    out += ",\"object\":\"";
    out += object;
    out += "\",\"created\":";
    out += std::to_string(created_);
    out += ",\"model\":";
    out += model_json_;
    out += ',';
    return out;
}

void CompletionJson::appendUsage(std::string& out, const portico_usage& usage) {
    out += "\"usage\":{\"prompt_tokens\":";
    out += std::to_string(usage.prompt_tokens);
    out += ",\"completion_tokens\":";
    out += std::to_string(usage.completion_tokens);
    out += ",\"total_tokens\":";
    out += std::to_string(usage.total_tokens);
    out += '}';
}

std::string CompletionJson::completion(std::string_view content, const portico_usage& usage) const {
    std::string out = header("chat.completion");
    out += "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":";
    appendJsonString(out, content);
    out += "},\"logprobs\":null,\"finish_reason\":\"stop\"}],";
    appendUsage(out, usage);
    out += '}';
    return out;
}

std::string CompletionJson::choiceChunk(std::string_view delta_json, std::string_view finish_reason_json) const {
    std::string out = header("chat.completion.chunk");
    out += "\"choices\":[{\"index\":0,\"delta\":";
    out += delta_json;
    out += ",\"logprobs\":null,\"finish_reason\":";
    out += finish_reason_json;
    out += "}]}";
    return out;
}

std::string CompletionJson::roleChunk() const {
    return choiceChunk(R"({"role":"assistant","content":""})", "null");
}

std::string CompletionJson::contentChunk(std::string_view piece) const {
    std::string delta = "{\"content\":";
    appendJsonString(delta, piece);
    delta += '}';
    return choiceChunk(delta, "null");
}

std::string CompletionJson::finishChunk() const { return choiceChunk("{}", "\"stop\""); }

std::string CompletionJson::usageChunk(const portico_usage& usage) const {
    std::string out = header("chat.completion.chunk");
    out += "\"choices\":[],";
    appendUsage(out, usage);
    out += '}';
    return out;
}

}  // namespace portico::mock
