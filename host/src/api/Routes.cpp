#include "api/Routes.h"

#include "admin/PluginsHandler.h"
#include "api/HealthHandler.h"
#include "api/LlmEndpointHandler.h"
#include "api/ModelsHandler.h"
#include "api/anthropic/MessagesCodec.h"
#include "api/gemini/GenerateContentCodec.h"
#include "api/openai/ChatCodec.h"
#include "api/openai/CompletionsCodec.h"
#include "api/openai/EmbeddingsCodec.h"
#include "api/openai/ResponsesCodec.h"

namespace portico::api {
namespace {

// Codecs are stateless: one of each serves every request.
const openai::ChatCodec kChat;
const openai::CompletionsCodec kCompletions;
const openai::EmbeddingsCodec kEmbeddings;
const openai::ResponsesCodec kResponses;
const anthropic::MessagesCodec kMessages;
const anthropic::CountTokensCodec kCountTokens;
const gemini::GenerateContentCodec kGenerateContent;

template <typename Handler>
http::RouteTable::Creator make(core::Gateway& gateway) {
    return [&gateway] { return std::make_unique<Handler>(gateway); };
}

http::RouteTable::Creator llm(core::Gateway& gateway, const pipeline::InboundCodec& codec, bool key_in_query = false) {
    return [&gateway, &codec, key_in_query] { return std::make_unique<LlmEndpointHandler>(gateway, codec, key_in_query); };
}

/// `path` under /v1 and without a prefix, as LiteLLM serves both; `v2` adds the /v2 alias (the
/// FastAPI LLM Proxy's cross-protocol paths: every Portico endpoint is cross-protocol anyway).
void addLlm(http::RouteTable& routes, core::Gateway& gateway, const std::string& path,
            const pipeline::InboundCodec& codec, bool v2) {
    routes.add("POST", "/v1" + path, llm(gateway, codec)).add("POST", path, llm(gateway, codec));
    if (v2) routes.add("POST", "/v2" + path, llm(gateway, codec));
}

}  // namespace

std::shared_ptr<const http::RouteTable> buildRoutes(core::Gateway& gateway) {
    auto routes = std::make_shared<http::RouteTable>();
    addLlm(*routes, gateway, "/chat/completions", kChat, true);
    addLlm(*routes, gateway, "/completions", kCompletions, false);
    addLlm(*routes, gateway, "/embeddings", kEmbeddings, false);
    addLlm(*routes, gateway, "/responses", kResponses, true);
    addLlm(*routes, gateway, "/messages", kMessages, true);
    addLlm(*routes, gateway, "/messages/count_tokens", kCountTokens, false);
    // Gemini clients put the model and method in the path and may send the key as ?key=.
    routes->add("POST", "/v1beta/models/*", llm(gateway, kGenerateContent, true));
    routes->add("GET", "/v1/models", make<ModelsHandler>(gateway))
        .add("GET", "/models", make<ModelsHandler>(gateway))
        .add("GET", "/v1/models/*", make<ModelsHandler>(gateway))
        .add("GET", "/models/*", make<ModelsHandler>(gateway))
        .add("GET", "/health", make<HealthHandler>(gateway))
        .add("GET", "/health/liveliness", make<HealthHandler>(gateway))
        .add("GET", "/health/liveness", make<HealthHandler>(gateway))
        .add("GET", "/health/readiness", make<HealthHandler>(gateway))
        .add("GET", "/admin/v1/plugins", make<admin::PluginsHandler>(gateway))
        .add("POST", "/admin/v1/plugins/reload", make<admin::PluginsHandler>(gateway));
    return routes;
}

}  // namespace portico::api
