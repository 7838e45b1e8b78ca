#include "api/ChatCompletionsHandler.h"

#include "api/ChatRequest.h"
#include "core/Gateway.h"
#include "http/BodyReader.h"
#include "proxy/ChatProxy.h"

namespace portico::api {

void ChatCompletionsHandler::serve(http::Exchange& exchange) {
    requireMasterKey(exchange);
    ChatRequest request = parseChatRequest(http::readBody(exchange.request, gateway_.config().server.max_body_bytes));
    proxy::ChatProxy(gateway_, exchange).run(std::move(request));
}

}  // namespace portico::api
