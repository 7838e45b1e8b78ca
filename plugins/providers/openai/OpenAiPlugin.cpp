// The openai provider's entry: api.openai.com and every OpenAI-compatible server (the host maps
// LiteLLM's groq/, ollama_chat/, hosted_vllm/, ... prefixes onto it). The vtable is the OpenAI
// family's (OpenAiVtable); only the target (URL and Bearer auth) is chosen here.
#include <portico/plugin.h>

#include <memory>

#include "OpenAiTarget.h"
#include "OpenAiVtable.h"
#include "common/PluginEntry.h"

namespace {

portico_status createOpenAi(const portico_host* /*host*/, portico_str config_json, void** out_instance,
                            portico_error* err) {
    return portico::openai::createProvider(config_json, out_instance, err, [](std::string_view config) {
        return std::make_unique<portico::openai::OpenAiTarget>(config);
    });
}

const portico_provider_vtable kOpenAiVtable = portico::openai::openAiFamilyVtable(&createOpenAi);

constexpr portico_plugin_descriptor kOpenAiDescriptor = portico::plugin_common::describePlugin(
    PORTICO_KIND_PROVIDER, PORTICO_STR("openai"), PORTICO_STR("0.2.0"),
    PORTICO_STR("OpenAI and OpenAI-compatible chat, completions, embeddings and responses (pass-through)"),
    &kOpenAiVtable);

}  // namespace

PORTICO_PLUGIN_ENTRY(kOpenAiDescriptor)
