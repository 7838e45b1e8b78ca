#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "config/Config.h"

namespace portico::config {

/// A LiteLLM provider prefix (`groq/`, `ollama_chat/`, ...) for a server that speaks the OpenAI
/// wire format, served by another provider plugin ("openai") with this prefix's defaults.
struct ProviderAlias {
    std::string_view prefix;            ///< as written before the first '/' of litellm_params.model
    std::string_view provider;          ///< the plugin that serves it
    std::string_view default_api_base;  ///< empty: the entry (or api_base_env) must give api_base
    std::string_view api_base_env;      ///< where LiteLLM reads api_base when the entry has none
    /// The OpenAI-compatible API's path under the server root, appended to api_base unless it
    /// already ends with it: Ollama configs name the root (LiteLLM speaks Ollama's native /api
    /// there), its OpenAI-compatible API is under /v1.
    std::string_view api_path;
    /// Where LiteLLM reads the key when the entry has no api_key, in the order it tries them.
    std::string_view api_key_env[2];
};

/// The alias of `prefix`, or null when it is no alias (a plugin name such as "openai", "mock").
const ProviderAlias* findProviderAlias(std::string_view prefix);

/// Turns `deployment` (read from an aliased prefix) into one of the alias's provider: the
/// provider, api_base (from api_base_env or the default when none was given, plus api_path) and,
/// when the entry gave no api_key, the key from the alias's environment variables. Returns why
/// the entry is unusable (no api_base anywhere for an alias without a default), nullopt when fine.
std::optional<std::string> applyProviderAlias(const ProviderAlias& alias, Deployment& deployment);

}  // namespace portico::config
