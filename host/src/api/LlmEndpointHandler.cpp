#include "api/LlmEndpointHandler.h"

#include "auth/MasterKeyAuth.h"
#include "core/Gateway.h"
#include "http/BodyReader.h"
#include "pipeline/Pipeline.h"

namespace portico::api {

void LlmEndpointHandler::serve(http::Exchange& exchange) {
    const std::string_view header_key = auth::presentedKey(exchange.request);
    if (key_in_query_ && header_key.empty()) auth::requireMasterKey(auth::queryKey(exchange.request), gateway_.masterKey());
    else auth::requireMasterKey(header_key, gateway_.masterKey());
    pipeline::InboundRequest request =
        codec_.decode(http::readBody(exchange.request, gateway_.config().server.max_body_bytes), exchange.request);
    pipeline::Pipeline(gateway_, exchange, codec_).run(std::move(request));
}

}  // namespace portico::api
