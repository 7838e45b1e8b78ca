#pragma once
#include <portico/plugin.h>

#include <string_view>

namespace portico::openai {

/// How a stream of an operation says it is complete. A body that ends before that was cut off.
enum class StreamEnd {
    DoneSentinel,      ///< chat and legacy completions: a final `data: [DONE]`
    TerminalResponse,  ///< Responses: a `response.completed` or `response.incomplete` event (no [DONE])
};

/// What differs between the OpenAI operations this family serves: the path under the API base
/// and how a stream of it ends. Everything else (pass-through body, errors) is shared.
struct OperationTraits {
    uint32_t operation;     ///< PORTICO_OP_*
    std::string_view path;  ///< "/chat/completions", ... (appended to the API base)
    StreamEnd stream_end;
};

/// The operations the OpenAI wire format has (the capability mask of this family).
inline constexpr uint32_t kOpenAiOperations =
    PORTICO_OP_CHAT | PORTICO_OP_COMPLETIONS | PORTICO_OP_EMBEDDINGS | PORTICO_OP_RESPONSES;

/// The traits of one PORTICO_OP_*. Throws PluginError(PORTICO_ERR_UNSUPPORTED, 400) for any other.
const OperationTraits& operationTraits(uint32_t operation);

}  // namespace portico::openai
