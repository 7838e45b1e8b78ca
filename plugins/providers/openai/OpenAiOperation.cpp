#include "OpenAiOperation.h"

#include <string>

#include "common/PluginError.h"

namespace portico::openai {
namespace {

constexpr OperationTraits kOperations[] = {
    {PORTICO_OP_CHAT, "/chat/completions", StreamEnd::DoneSentinel},
    {PORTICO_OP_COMPLETIONS, "/completions", StreamEnd::DoneSentinel},
    // Never streamed (plugin.h); the end rule is there only so that every entry has one.
    {PORTICO_OP_EMBEDDINGS, "/embeddings", StreamEnd::DoneSentinel},
    {PORTICO_OP_RESPONSES, "/responses", StreamEnd::TerminalResponse},
};

}  // namespace

const OperationTraits& operationTraits(uint32_t operation) {
    for (const OperationTraits& traits : kOperations)
        if (traits.operation == operation) return traits;
    throw plugin_common::PluginError(PORTICO_ERR_UNSUPPORTED, 400,
                                     "the OpenAI API has no operation " + std::to_string(operation));
}

}  // namespace portico::openai
