#include "plugins/HostContext.h"

#include <chrono>
#include <string>

#include <simdjson.h>

#include "core/Log.h"
#include "plugins/AbiAdapters.h"
#include "upstream/UpstreamPool.h"

namespace portico::plugins {
namespace {

HostContext& contextOf(void* handle) { return *static_cast<HostContext*>(handle); }

void hostLog(void* handle, int32_t level, portico_str message) {
    try {
        const auto lvl = static_cast<core::LogLevel>(level < 0 ? 0 : (level > 3 ? 3 : level));
        core::Log::write(lvl, "plugin:" + contextOf(handle).pluginName(), toView(message));
    } catch (...) {
    }
}

int32_t hostLogEnabled(void*, int32_t level) { return core::Log::enabled(static_cast<core::LogLevel>(level)) ? 1 : 0; }

uint64_t hostNowUnixNs(void*) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

uint64_t hostMonotonicNs(void*) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

portico_status hostConfigGet(void* handle, portico_str key, portico_writer* out) {
    try {
        const std::string& config = contextOf(handle).configJson();
        if (config.empty() || !out || !out->write) return PORTICO_ERR_INVALID;
        // Dotted key → JSON pointer ("a.b" → "/a/b"); '~' and '/' are escaped as RFC 6901 says.
        std::string pointer;
        pointer.push_back('/');
        for (char c : toView(key)) {
            if (c == '.') pointer.push_back('/');
            else if (c == '~') pointer.append("~0");
            else if (c == '/') pointer.append("~1");
            else pointer.push_back(c);
        }
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        if (parser.parse(config).get(root)) return PORTICO_ERR_INVALID;
        simdjson::dom::element value;
        if (root.at_pointer(pointer).get(value)) return PORTICO_ERR_INVALID;
        const std::string json = simdjson::to_string(value);
        return out->write(out->ctx, toStr(json));
    } catch (...) {
        return PORTICO_ERR_INTERNAL;
    }
}

portico_status hostHttpRequest(void* handle, const portico_http_request* req, int32_t* out_status,
                               portico_writer* out_body, portico_error* err) {
    try {
        upstream::UpstreamPool* pool = contextOf(handle).pool();
        if (!req || !pool) {
            const std::string msg = "http_request is not available";
            return portico_error_set(err, PORTICO_ERR_UNSUPPORTED, 0, msg.data(), msg.size());
        }
        upstream::UpstreamRequest request;
        request.method = std::string(toView(req->method));
        request.url = std::string(toView(req->url));
        for (size_t i = 0; i < req->header_count; ++i)
            request.headers.emplace_back(toView(req->headers[i].name), toView(req->headers[i].value));
        request.body = std::string(toView(req->body));
        if (req->timeout_ms) request.read_timeout = std::chrono::milliseconds(req->timeout_ms);
        upstream::UpstreamResponse response = pool->send(request);
        if (out_status) *out_status = response.status;
        if (out_body && out_body->write) return out_body->write(out_body->ctx, toStr(response.body));
        return PORTICO_OK;
    } catch (const std::exception& e) {
        const std::string msg = e.what();
        return portico_error_set(err, PORTICO_ERR_UPSTREAM, 502, msg.data(), msg.size());
    } catch (...) {
        return PORTICO_ERR_INTERNAL;
    }
}

const portico_host_api kHostApi = {
    sizeof(portico_host_api), &hostLog, &hostLogEnabled, &hostNowUnixNs, &hostMonotonicNs, &hostConfigGet, &hostHttpRequest,
};

}  // namespace

const portico_host_api* hostApi() { return &kHostApi; }

const std::string& hostVersionString() {
    static const std::string version = std::string("portico ") + PORTICO_VERSION;
    return version;
}

HostContext::HostContext(std::string plugin_name, std::string config_json, upstream::UpstreamPool* pool)
    : plugin_name_(std::move(plugin_name)), config_json_(std::move(config_json)), pool_(pool) {
    host_.struct_size = sizeof(portico_host);
    host_.abi_major = PORTICO_ABI_MAJOR;
    host_.abi_minor = PORTICO_ABI_MINOR;
    host_.host_version = toStr(hostVersionString());
    host_.handle = this;
    host_.api = hostApi();
}

}  // namespace portico::plugins
