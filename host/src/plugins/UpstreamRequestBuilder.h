#pragma once
#include <portico/plugin.h>

#include "plugins/AbiAdapters.h"
#include "upstream/UpstreamPool.h"

namespace portico::plugins {

/// The portico_upstream_request a provider fills in build_request; copies into an UpstreamRequest.
class UpstreamRequestBuilder {
public:
    explicit UpstreamRequestBuilder(upstream::UpstreamRequest& target) : target_(target) {
        builder_.struct_size = sizeof builder_;
        builder_.ctx = this;
        builder_.set_method = [](void* ctx, portico_str v) { return self(ctx).assign(self(ctx).target_.method, v); };
        builder_.set_url = [](void* ctx, portico_str v) { return self(ctx).assign(self(ctx).target_.url, v); };
        builder_.add_header = [](void* ctx, portico_str name, portico_str value) -> portico_status {
            try {
                self(ctx).target_.headers.emplace_back(toView(name), toView(value));
                return PORTICO_OK;
            } catch (...) {
                return PORTICO_ERR_INTERNAL;
            }
        };
        builder_.body.ctx = this;
        builder_.body.write = [](void* ctx, portico_str bytes) -> portico_status {
            try {
                self(ctx).target_.body.append(toView(bytes));
                return PORTICO_OK;
            } catch (...) {
                return PORTICO_ERR_INTERNAL;
            }
        };
    }
    portico_upstream_request* abi() { return &builder_; }

private:
    static UpstreamRequestBuilder& self(void* ctx) { return *static_cast<UpstreamRequestBuilder*>(ctx); }
    static portico_status assign(std::string& field, portico_str value) {
        try {
            field.assign(toView(value));
            return PORTICO_OK;
        } catch (...) {
            return PORTICO_ERR_INTERNAL;
        }
    }
    upstream::UpstreamRequest& target_;
    portico_upstream_request builder_{};
};

}  // namespace portico::plugins
