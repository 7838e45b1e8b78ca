#include "upstream/UpstreamPool.h"

#include <Poco/Net/Context.h>

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "upstream/Endpoint.h"
#include "upstream/EndpointPool.h"
#include "upstream/ExchangeStarter.h"
#include "upstream/StreamingResponse.h"
#include "upstream/TlsContext.h"

namespace portico::upstream {

struct UpstreamPool::Impl {
    explicit Impl(PoolOptions pool_options) : options(std::move(pool_options)), tls(makeClientTlsContext(options)) {}

    /// The endpoint's pool, created on first use. The map lock is held for the lookup only.
    std::shared_ptr<EndpointPool> endpointPool(const Endpoint& endpoint) {
        const std::string key = endpoint.key();
        {
            std::shared_lock lock(mutex);
            if (auto found = endpoints.find(key); found != endpoints.end()) return found->second;
        }
        std::unique_lock lock(mutex);
        auto& slot = endpoints[key];
        if (!slot)
            slot = std::make_shared<EndpointPool>(
                endpoint, options.max_idle_per_endpoint,
                std::chrono::duration_cast<std::chrono::milliseconds>(options.idle_timeout), tls);
        return slot;
    }

    std::unique_ptr<StreamingResponse> start(const UpstreamRequest& request) {
        const Endpoint endpoint = Endpoint::parse(request.url);
        return startExchange(endpointPool(endpoint), endpoint, request);
    }

    const PoolOptions options;
    const Poco::Net::Context::Ptr tls;
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<EndpointPool>> endpoints;
};

UpstreamPool::UpstreamPool(PoolOptions options) : impl_(std::make_shared<Impl>(std::move(options))) {}

UpstreamPool::~UpstreamPool() = default;

UpstreamResponse UpstreamPool::send(const UpstreamRequest& request) {
    std::unique_ptr<StreamingResponse> stream = impl_->start(request);
    UpstreamResponse response;
    response.status = stream->status();
    response.headers = stream->headers();
    response.body = stream->readAll();
    return response;
}

std::unique_ptr<UpstreamStream> UpstreamPool::open(const UpstreamRequest& request) {
    return impl_->start(request);
}

std::size_t UpstreamPool::idleConnections() const {
    std::shared_lock lock(impl_->mutex);
    std::size_t total = 0;
    for (const auto& [key, pool] : impl_->endpoints) total += pool->idleCount();
    return total;
}

}  // namespace portico::upstream
