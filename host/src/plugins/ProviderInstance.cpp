#include "plugins/ProviderInstance.h"

#include <optional>
#include <stdexcept>
#include <vector>

#include "plugins/AbiAdapters.h"
#include "plugins/InstanceCreation.h"
#include "plugins/PluginFailure.h"
#include "plugins/UpstreamRequestBuilder.h"

namespace portico::plugins {
namespace {

portico_usage emptyUsage() {
    portico_usage usage{};
    usage.struct_size = sizeof usage;
    return usage;
}

}  // namespace

ProviderInstance::ProviderInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json,
                                   upstream::UpstreamPool* pool)
    : library_(std::move(library)) {
    context_ = std::make_unique<HostContext>(library_->name(), std::move(config_json), pool);
    instance_ = createInstance(vtable().create, *context_, "provider");
}

ProviderInstance::~ProviderInstance() {
    if (instance_) vtable().destroy(instance_);
}

upstream::UpstreamRequest ProviderInstance::buildRequest(const portico_call& call, std::string_view canonical) const {
    upstream::UpstreamRequest request;
    UpstreamRequestBuilder builder(request);
    ErrorBuffer error;
    const portico_status status = vtable().build_request(instance_, &call, toStr(canonical), builder.abi(), error.abi());
    if (status != PORTICO_OK) throw pluginFailure(name(), status, error);
    if (request.url.empty()) throw core::GatewayError::internal("provider '" + name() + "' built a request without a URL");
    return request;
}

std::string ProviderInstance::parseResponse(const portico_call& call, const upstream::UpstreamResponse& response,
                                            portico_usage& usage) const {
    std::vector<portico_header> headers;
    headers.reserve(response.headers.size());
    for (const auto& [key, value] : response.headers) headers.push_back({toStr(key), toStr(value)});
    std::string canonical;
    StringWriter writer(canonical);
    ErrorBuffer error;
    usage = emptyUsage();
    const portico_status status = vtable().parse_response(instance_, &call, response.status, headers.data(), headers.size(),
                                                          toStr(response.body), writer.abi(), &usage, error.abi());
    if (status != PORTICO_OK) throw pluginFailure(name(), status, error);
    return canonical;
}

std::unique_ptr<ProviderStream> ProviderInstance::openStream(const portico_call& call) const {
    void* stream = nullptr;
    ErrorBuffer error;
    const portico_status status = vtable().stream_open(instance_, &call, &stream, error.abi());
    if (status != PORTICO_OK) throw pluginFailure(name(), status, error);
    return std::make_unique<ProviderStream>(*this, vtable(), stream);
}

void ProviderInstance::invoke(const portico_call& call, std::string_view canonical, std::string* response,
                              ChunkConsumer* consumer, portico_usage& usage) const {
    std::optional<StringWriter> writer;
    if (response) writer.emplace(*response);
    std::optional<ChunkSinkAdapter> sink;
    if (consumer) sink.emplace(*consumer);
    ErrorBuffer error;
    usage = emptyUsage();
    const portico_status status = vtable().invoke(instance_, &call, toStr(canonical), writer ? writer->abi() : nullptr,
                                                  sink ? sink->abi() : nullptr, &usage, error.abi());
    if (status == PORTICO_ERR_CLOSED) return;  // the client went away; nothing left to answer
    if (status != PORTICO_OK) throw pluginFailure(name(), status, error);
}

ProviderStream::~ProviderStream() { vtable_.stream_close(stream_); }

bool ProviderStream::check(portico_status status, const ErrorBuffer& error) {
    if (status == PORTICO_ERR_CLOSED) return false;
    if (status != PORTICO_OK) throw pluginFailure(owner_.name(), status, error);
    return true;
}

bool ProviderStream::feed(std::string_view data, ChunkConsumer& consumer) {
    ChunkSinkAdapter sink(consumer);
    ErrorBuffer error;
    return check(vtable_.stream_feed(stream_, toStr(data), sink.abi(), error.abi()), error);
}

bool ProviderStream::end(ChunkConsumer& consumer) {
    ChunkSinkAdapter sink(consumer);
    ErrorBuffer error;
    return check(vtable_.stream_end(stream_, sink.abi(), error.abi()), error);
}

}  // namespace portico::plugins
