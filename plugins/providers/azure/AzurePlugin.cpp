// The azure provider's entry: Azure OpenAI deployments (`azure/<deployment>` in LiteLLM configs).
// The wire format is OpenAI's, so the vtable, bodies, streams and errors are the openai core's;
// only the target differs (deployment URLs with api-version, the api-key header).
#include <portico/plugin.h>

#include <memory>

#include "AzureTarget.h"
#include "OpenAiVtable.h"
#include "common/PluginEntry.h"

namespace {

portico_status createAzure(const portico_host* /*host*/, portico_str config_json, void** out_instance,
                           portico_error* err) {
    return portico::openai::createProvider(config_json, out_instance, err, [](std::string_view config) {
        return std::make_unique<portico::azure::AzureTarget>(config);
    });
}

const portico_provider_vtable kAzureVtable = portico::openai::openAiFamilyVtable(&createAzure);

constexpr portico_plugin_descriptor kAzureDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("azure"), PORTICO_STR("0.1.0"),
    PORTICO_STR("Azure OpenAI deployments: chat, completions, embeddings, responses (pass-through)"), &kAzureVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kAzureDescriptor)
