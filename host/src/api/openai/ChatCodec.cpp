#include "api/openai/ChatCodec.h"

#include "api/openai/OpenAiStreamEncoder.h"
#include "http/ErrorResponder.h"
#include "pipeline/ChatRequest.h"

namespace portico::api::openai {

pipeline::InboundRequest ChatCodec::decode(std::string body, const Poco::Net::HTTPServerRequest& /*http*/) const {
    return pipeline::parseChatRequest(std::move(body));
}

std::string ChatCodec::toChat(const pipeline::InboundRequest& request, std::string_view upstream_model) const {
    return withModel(request, upstream_model);
}

std::string ChatCodec::fromChat(std::string chat_completion, const pipeline::InboundRequest& /*request*/) const {
    return chat_completion;
}

std::unique_ptr<pipeline::StreamEncoder> ChatCodec::chatStream(const pipeline::InboundRequest& request) const {
    return std::make_unique<OpenAiStreamEncoder>("chat.completion.chunk", request.model,
                                                 (request.codec_flags & pipeline::kIncludeUsage) != 0);
}

std::unique_ptr<pipeline::StreamEncoder> ChatCodec::nativeStream(const pipeline::InboundRequest& request) const {
    return chatStream(request);
}

std::string ChatCodec::errorBody(const core::GatewayError& error) const { return http::ErrorResponder::body(error); }

}  // namespace portico::api::openai
