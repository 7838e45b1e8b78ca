#include "support/TestConfig.h"

namespace portico::itest {

namespace {

std::string openaiModel(const std::string& name, const std::string& upstreamModel, const std::string& apiBase,
                        const std::string& timeout) {
    return "  - model_name: " + name + "\n    litellm_params: {model: openai/" + upstreamModel + ", api_base: \"" +
           apiBase + "\", api_key: " + kUpstreamKey + ", timeout: " + timeout + "}\n";
}

}  // namespace

std::string TestConfig::yaml() const {
    std::string text = "model_list:\n";
    text += openaiModel("gpt-test", "gpt-4o-mini", api_base, "10");
    text += "  - model_name: demo\n"
            "    litellm_params: {model: mock/demo, mock_response: \"Hello from the mock.\", mock_stream_chunks: 4}\n";
    for (const char* status : {"429", "500", "400", "529"}) {
        text += openaiModel(std::string("upstream-") + status, std::string("error-") + status, api_base, "10");
    }
    text += openaiModel("upstream-timeout", "slow-3000", api_base, "0.5");
    text += openaiModel("upstream-reset", "reset", api_base, "10");
    text += openaiModel("upstream-stream-slow", "stream-slow-100", api_base, "30");
    text += openaiModel("upstream-slow", "slow-1500", api_base, "10");
    text += openaiModel("upstream-stream-error", "stream-error", api_base, "10");
    text += openaiModel("upstream-stream-cut", "stream-cut", api_base, "10");
    text += extra_models;
    text += "plugins:\n"
            "  directory: \"" + plugin_dir + "\"\n"
            "  observers: [" + (observers.empty() ? "{name: jsonl, config: {path: \"" + events_path + "\"}}" : observers) + "]\n"
            "  guardrails: [{name: blocked_words, config: {words: [" + kBlockedWord + "]}}" + extra_guardrails + "]\n";
    if (watch_plugins) text += "  watch: true\n";
    if (!master_key.empty()) text += "general_settings: {master_key: " + master_key + "}\n";
    text += "server: {max_body_bytes: " + std::to_string(max_body_bytes) +
            ", send_timeout_s: " + std::to_string(send_timeout_s) +
            ", max_keep_alive_requests: " + std::to_string(max_keep_alive_requests) +
            (max_upstream_body_bytes ? ", max_upstream_body_bytes: " + std::to_string(max_upstream_body_bytes) : "") +
            ", shutdown_grace_s: 10" + server_extra + "}\n";
    return text;
}

}  // namespace portico::itest
