#include "admin/PluginsHandler.h"

#include "core/Gateway.h"
#include "core/Json.h"
#include "core/Log.h"
#include "plugins/AbiAdapters.h"

namespace portico::admin {
namespace {

std::string listBody(const plugins::PluginSet& set) {
    using core::appendJsonString;
    std::string body = "{\"object\":\"list\",\"data\":[";
    bool first = true;
    for (const plugins::PluginRecord& record : set.records) {
        const plugins::PluginDeclaration& d = record.declaration;
        if (!first) body.push_back(',');
        first = false;
        body.append("{\"kind\":");
        appendJsonString(body, d.kind ? plugins::kindName(d.kind) : "unknown");
        body.append(",\"name\":");
        appendJsonString(body, d.name);
        body.append(",\"version\":");
        appendJsonString(body, d.version);
        body.append(",\"abi_version\":");
        appendJsonString(body, d.abi_major ? d.abiVersion() : "");
        body.append(",\"path\":");
        appendJsonString(body, d.path);
        body.append(",\"description\":");
        appendJsonString(body, d.description);
        body.append(",\"status\":").append(record.loaded ? "\"loaded\"" : "\"refused\"");
        body.append(",\"reason\":");
        if (record.loaded) body.append("null");
        else appendJsonString(body, record.reason);
        body.push_back('}');
    }
    body.append("]}");
    return body;
}

}  // namespace

void PluginsHandler::serve(http::Exchange& exchange) {
    requireMasterKey(exchange);
    if (exchange.request.getMethod() == "POST") {
        core::Log::info("admin", exchange.request_id + " plugin reload requested");
        sendJson(exchange, listBody(*gateway_.reloadPlugins()));
        return;
    }
    const auto runtime = gateway_.runtime();
    sendJson(exchange, listBody(runtime->plugins ? *runtime->plugins : plugins::PluginSet{}));
}

}  // namespace portico::admin
