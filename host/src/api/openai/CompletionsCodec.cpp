#include "api/openai/CompletionsCodec.h"

#include <simdjson.h>

#include "api/openai/OpenAiStreamEncoder.h"
#include "core/Json.h"
#include "core/ThreadJsonParser.h"
#include "http/ErrorResponder.h"
#include "pipeline/ChatRequest.h"
#include "pipeline/RequestJson.h"

namespace portico::api::openai {
namespace {

using core::GatewayError;

/// Parameters a chat completion takes with the same meaning; the rest of a completions body
/// (echo, suffix, best_of, logprobs as a number) has no chat equivalent and is refused below.
constexpr std::string_view kSharedParameters[] = {"max_tokens",  "temperature", "top_p",  "n",    "stop",
                                                  "presence_penalty", "frequency_penalty", "seed", "user",
                                                  "logit_bias", "stream",      "stream_options"};
constexpr std::string_view kUntranslatable[] = {"suffix", "best_of", "logprobs", "echo"};

void appendField(std::string& out, std::string_view key, std::string_view json) {
    pipeline::appendMemberKey(out, key);
    out.append(json);
}

/// The single prompt text a chat form can carry.
std::string_view promptText(simdjson::dom::element prompt) {
    std::string_view text;
    if (!prompt.get_string().get(text)) return text;
    simdjson::dom::array prompts;
    if (!prompt.get_array().get(prompts) && prompts.size() == 1 && !prompts.at(0).get_string().get(text)) return text;
    throw GatewayError::badRequest(
        "This model takes one text prompt on /v1/completions (several prompts and token-id prompts need a "
        "provider with native completions)",
        {}, "prompt");
}

/// A text_completion choice's fields from a chat choice; `content_pointer` finds its text
/// ("/message/content", or "/delta/content" in a stream chunk).
void appendChoice(std::string& out, simdjson::dom::object choice, std::string_view content_pointer) {
    int64_t index = 0;
    pipeline::readIfPresent(choice["index"].get_int64(), index);
    std::string_view text;
    pipeline::readIfPresent(choice.at_pointer(content_pointer).get_string(), text);
    out.append("{\"text\":");
    core::appendJsonString(out, text);
    out.append(",\"index\":").append(std::to_string(index)).append(",\"logprobs\":null,\"finish_reason\":");
    simdjson::dom::element finish;
    out.append(choice["finish_reason"].get(finish) ? "null" : simdjson::minify(finish));
    out.push_back('}');
}

/// `{"id","object":"text_completion","created","model","choices":[...]` and usage, from a chat
/// completion or chunk. Throws 502 when the provider's answer is not one.
std::string textCompletion(std::string_view chat, std::string_view content_pointer) {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object object;
    if (parser->parse(chat.data(), chat.size()).get_object().get(object))
        throw GatewayError(502, "api_error", {}, "The provider's answer is not a JSON object");
    std::string out = "{\"id\":";
    std::string_view id, model;
    pipeline::readIfPresent(object["id"].get_string(), id);
    pipeline::readIfPresent(object["model"].get_string(), model);
    int64_t created = 0;
    pipeline::readIfPresent(object["created"].get_int64(), created);
    core::appendJsonString(out, id);
    out.append(",\"object\":\"text_completion\",\"created\":").append(std::to_string(created)).append(",\"model\":");
    core::appendJsonString(out, model);
    out.append(",\"choices\":[");
    simdjson::dom::array choices;
    bool first = true;
    if (!object["choices"].get_array().get(choices))
        for (simdjson::dom::element choice : choices) {
            simdjson::dom::object fields;
            if (choice.get_object().get(fields)) continue;
            if (!first) out.push_back(',');
            first = false;
            appendChoice(out, fields, content_pointer);
        }
    out.push_back(']');
    simdjson::dom::element usage;
    if (!object["usage"].get(usage) && !usage.is_null()) appendField(out, "usage", simdjson::minify(usage));
    out.push_back('}');
    return out;
}

/// Chat chunks to text_completion chunks; the rest is OpenAI's SSE as for chat.
class TextCompletionStream : public OpenAiStreamEncoder {
public:
    using OpenAiStreamEncoder::OpenAiStreamEncoder;
    void chunk(std::string_view data, std::string_view /*framed*/, http::SseWriter& out) override {
        const std::string text = textCompletion(data, "/delta/content");
        OpenAiStreamEncoder::chunk(text, {}, out);
    }
};

}  // namespace

pipeline::InboundRequest CompletionsCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    pipeline::InboundRequest request;
    request.operation = PORTICO_OP_COMPLETIONS;
    {
        pipeline::RequestJson json(body);
        request.model = std::string(json.requiredString("model"));
        simdjson::dom::element prompt;
        if (json.root()["prompt"].get(prompt) || !(prompt.is_string() || prompt.is_array()))
            throw GatewayError::badRequest("'prompt' is required and must be a string or an array", {}, "prompt");
        request.stream = json.optionalBool("stream");
        if (pipeline::includesUsage(json.root())) request.codec_flags |= pipeline::kIncludeUsage;
    }
    request.body = std::move(body);
    return request;
}

std::string CompletionsCodec::toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const {
    core::ThreadJsonParser<simdjson::dom::parser> parser;
    simdjson::dom::object object;
    if (parser->parse(pipeline::paddedView(request.body)).get_object().get(object))
        throw GatewayError::internal("a decoded completions body did not parse again");
    for (std::string_view key : kUntranslatable) {
        simdjson::dom::element value;
        if (!object[key].get(value) && !value.is_null() && !(value.is_bool() && !value.get_bool().value_unsafe()))
            throw GatewayError::badRequest("'" + std::string(key) + "' needs a provider with native completions", {},
                                           std::string(key));
    }
    std::string chat = "{\"model\":";
    core::appendJsonString(chat, upstream_model);
    chat.append(",\"messages\":[{\"role\":\"user\",\"content\":");
    core::appendJsonString(chat, promptText(object["prompt"].value_unsafe()));
    chat.append("}]");
    for (std::string_view key : kSharedParameters) {
        simdjson::dom::element value;
        if (!object[key].get(value)) appendField(chat, key, simdjson::minify(value));
    }
    chat.push_back('}');
    return chat;
}

std::string CompletionsCodec::fromChat(std::string chat_completion, const pipeline::InboundRequest& /*request*/) const {
    return textCompletion(chat_completion, "/message/content");
}

std::unique_ptr<pipeline::StreamEncoder> CompletionsCodec::chatStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<TextCompletionStream>("text_completion", request.model,
                                                  (request.codec_flags & pipeline::kIncludeUsage) != 0);
}

std::unique_ptr<pipeline::StreamEncoder> CompletionsCodec::nativeStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<OpenAiStreamEncoder>("text_completion", request.model,
                                                 (request.codec_flags & pipeline::kIncludeUsage) != 0);
}

std::string CompletionsCodec::errorBody(const core::GatewayError& error) const { return http::ErrorResponder::body(error); }

}  // namespace portico::api::openai
