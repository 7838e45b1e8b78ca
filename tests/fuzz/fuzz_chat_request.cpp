// libFuzzer target: pipeline::parseChatRequest (the /v1/chat/completions body validation) and
// pipeline::spliceModel (the "model" splice a proxied request goes through). A GatewayError 400 is the
// expected way to refuse a body; anything else escaping, or a crash, is a bug. Accepted bodies
// must survive the splice: the spliced body parses again, with the new model and the same stream
// flag.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "pipeline/ChatRequest.h"
#include "pipeline/ModelSplice.h"
#include "core/GatewayError.h"

using portico::pipeline::InboundRequest;
using portico::pipeline::parseChatRequest;
using portico::pipeline::spliceModel;
using portico::core::GatewayError;

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_chat_request: %s: %s\n", what, detail.c_str());
    std::abort();
}

/// Upstream model names as configs write them, including characters JSON must escape.
constexpr const char* kUpstreamModels[] = {"gpt-4o-mini", "", "a\"b\\c\n\x01", "model/with/slashes:v1"};

void checkSplice(const InboundRequest& request) {
    for (const char* upstream_model : kUpstreamModels) {
        std::string spliced;
        try {
            spliced = spliceModel(request.body, upstream_model);
        } catch (const std::exception& e) {
            fail("spliceModel threw on an accepted body", std::string(e.what()) + " for body " + request.body);
        }
        if (std::string_view(upstream_model).empty()) continue;  // parseChatRequest refuses an empty model
        InboundRequest again;
        try {
            again = parseChatRequest(spliced);
        } catch (const std::exception& e) {
            fail("the spliced body is refused", std::string(e.what()) + " for spliced body " + spliced);
        }
        if (again.model != upstream_model) fail("the spliced body names another model", spliced);
        if (again.stream != request.stream) fail("the splice changed the stream flag", spliced);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    InboundRequest request;
    try {
        request = parseChatRequest(body);
    } catch (const GatewayError& e) {
        if (e.status() != 400) fail("refused with a status other than 400", std::to_string(e.status()));
        if (std::string_view(e.what()).empty()) fail("refused without a message", body);
        return 0;
    }
    // Anything else escaping parseChatRequest reaches libFuzzer as an uncaught exception (a crash).
    if (request.body != body) fail("the accepted body was altered", request.body);
    if (request.model.empty()) fail("accepted without a model", body);
    checkSplice(request);
    return 0;
}
