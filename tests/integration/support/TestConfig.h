#pragma once
#include <cstddef>
#include <string>

namespace portico::itest {

inline constexpr const char* kMasterKey = "sk-test-master-key";
inline constexpr const char* kUpstreamKey = "sk-upstream-secret";
inline constexpr const char* kBlockedWord = "forbidden";

/// The gateway config the tests share. Each public model name maps a scenario onto a fake_upstream
/// behaviour (see tests/fakes/ModelBehavior.h), because the gateway forwards the model name and
/// nothing else the test could use to steer the upstream:
///   gpt-test          -> openai/gpt-4o-mini       (alias rewritten to the upstream model)
///   demo              -> mock/demo                (no upstream at all)
///   upstream-429/500/400/529 -> openai/error-<status>
///   upstream-timeout  -> openai/slow-3000 with timeout 0.5
///   upstream-reset    -> openai/reset
///   upstream-stream-slow -> openai/stream-slow-100 (50 events, 100 ms apart)
///   upstream-slow     -> openai/slow-1500         (an in-flight request for SIGTERM)
///   upstream-stream-error -> openai/stream-error  (an error event after the stream started)
///   upstream-stream-cut -> openai/stream-cut      (the body ends after one chunk, no [DONE])
struct TestConfig {
    std::string api_base;           ///< the fake's http://127.0.0.1:PORT/v1
    std::string events_path;        ///< the jsonl observer's file
    std::string plugin_dir = PORTICO_PLUGIN_DIR;
    std::string master_key = kMasterKey;  ///< empty: no master key (the gateway generates one)
    std::size_t max_body_bytes = 65536;
    std::size_t max_upstream_body_bytes = 0;  ///< 0: the gateway's default
    int send_timeout_s = 30;
    int max_keep_alive_requests = 0;  ///< 0: unlimited
    std::string extra_models;       ///< more model_list entries (YAML), for the test that needs them
    std::string extra_guardrails;   ///< more plugins.guardrails items, each as ", {name: ...}"
    std::string observers;          ///< plugins.observers items (YAML); empty: one jsonl writing events_path
    bool watch_plugins = false;     ///< plugins.watch
    std::string server_extra;       ///< more server settings, each as ", key: value"

    std::string yaml() const;
};

}  // namespace portico::itest
