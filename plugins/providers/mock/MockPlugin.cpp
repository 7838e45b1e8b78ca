// The mock provider's ABI edge: the descriptor, the vtable and the entry point. Everything here
// only converts between the C ABI and MockProvider; no exception gets past these functions.
#include <portico/plugin.h>

#include "common/PluginEntry.h"

#include <memory>

#include "MockProvider.h"
#include "MockSettings.h"
#include "common/AbiBarrier.h"

namespace {

using portico::mock::MockProvider;
using portico::mock::MockSettings;
using portico::plugin_common::fail;
using portico::plugin_common::guarded;
using portico::plugin_common::view;

portico_status createMock(const portico_host* host, portico_str config_json, void** out_instance, portico_error* err) {
    return guarded(err, [&] {
        if (!out_instance) return fail(err, PORTICO_ERR_INTERNAL, 0, "mock: create without out_instance");
        auto provider = std::make_unique<MockProvider>(host, MockSettings::fromConfig(view(config_json)));
        *out_instance = provider.release();
        return PORTICO_OK;
    });
}

void destroyMock(void* instance) { delete static_cast<MockProvider*>(instance); }

portico_status invokeMock(void* instance, const portico_call* call, portico_str canonical_json,
                          portico_writer* response_out, portico_chunk_sink* chunks, portico_usage* usage_out,
                          portico_error* err) {
    return guarded(err, [&] {
        if (!instance || !call) return fail(err, PORTICO_ERR_INTERNAL, 0, "mock: invoke without instance or call");
        return static_cast<const MockProvider*>(instance)->invoke(*call, view(canonical_json), response_out, chunks,
                                                                  usage_out);
    });
}

const portico_provider_vtable kMockVtable = [] {
    portico_provider_vtable vtable{};
    vtable.struct_size = sizeof vtable;
    vtable.operations = PORTICO_OP_CHAT;
    vtable.flags = 0;
    vtable.create = &createMock;
    vtable.destroy = &destroyMock;
    vtable.invoke = &invokeMock;
    return vtable;
}();

constexpr portico_plugin_descriptor kMockDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("mock"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Deterministic local chat provider for tests and demos (no network)"), &kMockVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kMockDescriptor)
