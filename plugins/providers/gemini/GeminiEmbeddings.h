#pragma once
#include <string>
#include <string_view>

namespace portico::gemini {

/// An OpenAI embeddings request as a Gemini one: a single string input is an embedContent body
/// ({content:{parts:[{text}]}}), an array of strings a batchEmbedContents body ({requests:[{model:
/// "models/<m>", content}]}); `dimensions` becomes outputDimensionality. Token-array inputs have
/// no Gemini form: PluginError(PORTICO_ERR_UNSUPPORTED, 400).
struct GeminiEmbeddingRequest {
    std::string method;  ///< "embedContent" or "batchEmbedContents"
    std::string body;
};
GeminiEmbeddingRequest translateEmbeddingRequest(std::string_view canonical_json, std::string_view model);

/// embedContent's {"embedding":{"values"}} or batchEmbedContents' {"embeddings":[{"values"}]}
/// as an OpenAI `list` of `embedding` objects with float arrays. Gemini reports no token counts
/// here, so usage is zero. Throws PluginError(PORTICO_ERR_UPSTREAM, 502) for any other body.
std::string translateEmbeddingResponse(std::string_view body, std::string_view model);

}  // namespace portico::gemini
