#pragma once
#include <portico/plugin.h>

#include <memory>
#include <string_view>

#include "OpenAiProvider.h"
#include "common/AbiBarrier.h"

namespace portico::openai {

/// The ABI edge shared by every plugin of the OpenAI wire format (openai, azure): every vtable
/// slot but create converts between the C ABI and OpenAiProvider / OpenAiStream, behind
/// `guarded`, so no exception gets past it. Each plugin supplies only its create (which target).
portico_provider_vtable openAiFamilyVtable(decltype(portico_provider_vtable::create) create);

/// The body of a plugin's create: makes the OpenAiProvider over `makeTarget(config_json)`.
template <typename MakeTarget>
portico_status createProvider(portico_str config_json, void** out_instance, portico_error* err,
                              MakeTarget&& makeTarget) noexcept {
    return plugin_common::guarded(err, [&] {
        if (!out_instance) return plugin_common::fail(err, PORTICO_ERR_INTERNAL, 0, "create without out_instance");
        std::unique_ptr<const UpstreamTarget> target = makeTarget(plugin_common::view(config_json));
        *out_instance = std::make_unique<OpenAiProvider>(std::move(target)).release();
        return PORTICO_OK;
    });
}

}  // namespace portico::openai
