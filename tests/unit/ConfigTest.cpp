#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "config/Config.h"
#include "support/ConfigErrorOf.h"

#ifndef PORTICO_SOURCE_DIR
#define PORTICO_SOURCE_DIR_FROM_FILE 1
#endif

namespace portico::config {
namespace {

const std::string kFile = "etc/x.yaml";

/// Sets (or unsets) an environment variable for one test and restores it afterwards, so tests
/// that touch real names such as OPENAI_API_KEY leave the process as they found it.
class ScopedEnv {
public:
    ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        if (value) ::setenv(name_.c_str(), value->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

std::string errorOf(const std::string& yaml) { return configErrorOf(yaml, kFile); }

bool hasWarning(const Config& config, const std::string& warning) {
    for (const auto& w : config.warnings)
        if (w == warning) return true;
    return false;
}

std::filesystem::path demoConfigPath() {
#ifdef PORTICO_SOURCE_DIR_FROM_FILE
    return std::filesystem::path(__FILE__).parent_path() / "../../etc/portico.yaml";
#else
    return std::filesystem::path(PORTICO_SOURCE_DIR) / "etc/portico.yaml";
#endif
}

TEST(ConfigTest, LoadsLiteLlmStyleConfig) {
    const Config config = parseConfig(R"(
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_base: https://api.openai.com/v1
      api_key: sk-literal
      timeout: 30
      rpm: 600
      tpm: 100000
      weight: 2
    model_info:
      mode: chat
      max_tokens: 128000
  - model_name: claude
    litellm_params:
      model: anthropic/claude-3-5-sonnet-20240620
litellm_settings:
  drop_params: true
router_settings:
  routing_strategy: simple-shuffle
environment_variables:
  REDIS_HOST: localhost
general_settings:
  master_key: sk-1234
  database_url: postgresql://x
)", kFile);

    ASSERT_EQ(config.model_list.size(), 2u);
    const Deployment& gpt = config.model_list[0];
    EXPECT_EQ(gpt.id, "gpt-4o#0");
    EXPECT_EQ(gpt.model_name, "gpt-4o");
    EXPECT_EQ(gpt.provider, "openai");
    EXPECT_EQ(gpt.upstream_model, "gpt-4o");
    EXPECT_EQ(gpt.api_base, "https://api.openai.com/v1");
    EXPECT_EQ(gpt.api_key, "sk-literal");
    EXPECT_DOUBLE_EQ(gpt.timeout_s, 30);
    EXPECT_EQ(gpt.rpm, 600);
    EXPECT_EQ(gpt.tpm, 100000);
    EXPECT_DOUBLE_EQ(gpt.weight, 2);
    // Every litellm_param reaches the provider with its YAML type, except the secret.
    EXPECT_EQ(gpt.params_json, R"({"model":"openai/gpt-4o","api_base":"https://api.openai.com/v1",)"
                               R"("timeout":30,"rpm":600,"tpm":100000,"weight":2})");
    EXPECT_EQ(gpt.model_info_json, R"({"mode":"chat","max_tokens":128000})");
    const Deployment& claude = config.model_list[1];
    EXPECT_EQ(claude.id, "claude#1");
    EXPECT_EQ(claude.provider, "anthropic");
    EXPECT_EQ(claude.upstream_model, "claude-3-5-sonnet-20240620");
    EXPECT_DOUBLE_EQ(claude.timeout_s, 0);
    EXPECT_DOUBLE_EQ(claude.weight, 1);
    EXPECT_EQ(claude.model_info_json, "{}");
    EXPECT_EQ(config.master_key, "sk-1234");
    EXPECT_EQ(config.source_path, kFile);
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: litellm_settings: not supported yet, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: router_settings: not supported yet, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: environment_variables: not supported yet, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: general_settings.database_url: not supported yet, ignored"));
    EXPECT_EQ(config.warnings.size(), 4u);
}

TEST(ConfigTest, ReadsRateLimitsWhereLiteLlmLooksForThem) {
    // Shapes from LiteLLM's own example configs: rpm/tpm beside litellm_params, and YAML 1.1
    // digit separators, which PyYAML reads as numbers.
    const Config config = parseConfig(R"(
model_list:
  - model_name: a
    litellm_params: {model: azure/gpt-35-1, tpm: 80_000, rpm: 50}
  - model_name: b
    litellm_params: {model: gpt-3.5-turbo, rpm: 99}
    tpm: 20000
    rpm: 3
  - model_name: c
    litellm_params: {model: gpt-3.5-turbo}
    model_info: {rpm: 7, tpm: 70}
  - model_name: d
    litellm_params: {model: gpt-3.5-turbo, rpm: 5}
    rpm: 0
)", kFile);
    ASSERT_EQ(config.model_list.size(), 4u);
    EXPECT_EQ(config.model_list[0].tpm, 80000);
    EXPECT_EQ(config.model_list[0].rpm, 50);
    EXPECT_EQ(config.model_list[1].tpm, 20000);
    EXPECT_EQ(config.model_list[1].rpm, 3);  // the entry's own rpm comes first, as in LiteLLM's router
    EXPECT_EQ(config.model_list[2].rpm, 7);
    EXPECT_EQ(config.model_list[2].tpm, 70);
    EXPECT_EQ(config.model_list[3].rpm, 0);  // an explicit 0 is a value, not "unset"
    EXPECT_TRUE(config.warnings.empty());
}

TEST(ConfigTest, SplitsProviderFromModel) {
    const Config config = parseConfig(R"(
model_list:
  - {model_name: a, litellm_params: {model: "openai/ft:gpt/x"}}
  - {model_name: b, litellm_params: {model: gpt-4o-mini}}
  - {model_name: c, litellm_params: {model: hosted_vllm/meta-llama/Llama-3-8B, api_base: "http://gpu:8000/v1"}}
)", kFile);
    ASSERT_EQ(config.model_list.size(), 3u);
    EXPECT_EQ(config.model_list[0].provider, "openai");
    EXPECT_EQ(config.model_list[0].upstream_model, "ft:gpt/x");
    EXPECT_EQ(config.model_list[1].provider, "openai");  // LiteLLM's default provider
    EXPECT_EQ(config.model_list[1].upstream_model, "gpt-4o-mini");
    EXPECT_EQ(config.model_list[2].provider, "openai");  // an OpenAI-compatible alias (ProviderAliases)
    EXPECT_EQ(config.model_list[2].upstream_model, "meta-llama/Llama-3-8B");
}

TEST(ConfigTest, OpenAiCompatibleAliasReadsItsKeyFromItsEnvironmentVariable) {
    const ScopedEnv groq("GROQ_API_KEY", "gsk-from-env");
    const ScopedEnv together("TOGETHERAI_API_KEY", std::nullopt);
    const ScopedEnv together_alt("TOGETHER_AI_API_KEY", "tok-alt");
    const Config config = parseConfig(R"(
model_list:
  - {model_name: a, litellm_params: {model: groq/llama-3.1-8b-instant}}
  - {model_name: b, litellm_params: {model: groq/llama-3.1-8b-instant, api_key: gsk-inline}}
  - {model_name: c, litellm_params: {model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo}}
)", kFile);
    ASSERT_EQ(config.model_list.size(), 3u);
    EXPECT_EQ(config.model_list[0].provider, "openai");
    EXPECT_EQ(config.model_list[0].upstream_model, "llama-3.1-8b-instant");
    EXPECT_EQ(config.model_list[0].api_base, "https://api.groq.com/openai/v1");
    EXPECT_EQ(config.model_list[0].api_key, "gsk-from-env");
    EXPECT_EQ(config.model_list[1].api_key, "gsk-inline");
    EXPECT_EQ(config.model_list[2].api_key, "tok-alt");  // LiteLLM's second name for the Together key
    EXPECT_EQ(config.model_list[2].upstream_model, "meta-llama/Llama-3.3-70B-Instruct-Turbo");
}

TEST(ConfigTest, SelfHostedAliasWithoutApiBaseIsAConfigError) {
    const ScopedEnv base("HOSTED_VLLM_API_BASE", std::nullopt);
    EXPECT_EQ(errorOf("model_list:\n  - {model_name: m, litellm_params: {model: hosted_vllm/llama}}"),
              "etc/x.yaml: model_list[0].litellm_params.api_base: hosted_vllm/ models need api_base (the server's "
              "OpenAI-compatible URL, e.g. http://host:8000/v1) or HOSTED_VLLM_API_BASE");
}

TEST(ConfigTest, SelfHostedAliasTakesApiBaseFromItsEnvironmentVariable) {
    const ScopedEnv base("LM_STUDIO_API_BASE", "http://127.0.0.1:1234/v1");
    const Config config = parseConfig("model_list:\n  - {model_name: m, litellm_params: {model: lm_studio/qwen}}", kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].api_base, "http://127.0.0.1:1234/v1");
}

TEST(ConfigTest, ResolvesEnvReferences) {
    const ScopedEnv key("PORTICO_CONFIG_TEST_KEY", "sk-from-env");
    const ScopedEnv base("PORTICO_CONFIG_TEST_BASE", "http://127.0.0.1:9/v1");
    const ScopedEnv header("PORTICO_CONFIG_TEST_HEADER", "secret \"quoted\"");
    const ScopedEnv master("PORTICO_CONFIG_TEST_MASTER", "sk-master");
    const Config config = parseConfig(R"(
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: os.environ/PORTICO_CONFIG_TEST_KEY
      api_base: os.environ/PORTICO_CONFIG_TEST_BASE
      extra_headers: {X-Org: os.environ/PORTICO_CONFIG_TEST_HEADER}
plugins:
  observers: [{name: langfuse, config: {secret_key: os.environ/PORTICO_CONFIG_TEST_KEY}}]
general_settings:
  master_key: os.environ/PORTICO_CONFIG_TEST_MASTER
)", kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].api_key, "sk-from-env");
    EXPECT_EQ(config.model_list[0].api_base, "http://127.0.0.1:9/v1");
    EXPECT_EQ(config.model_list[0].params_json,
              R"({"model":"openai/gpt-4o-mini","api_base":"http://127.0.0.1:9/v1",)"
              R"("extra_headers":{"X-Org":"secret \"quoted\""}})");
    ASSERT_EQ(config.plugins.observers.size(), 1u);
    EXPECT_EQ(config.plugins.observers[0].config_json, R"({"secret_key":"sk-from-env"})");
    EXPECT_EQ(config.master_key, "sk-master");
}

TEST(ConfigTest, ResolveEnvReferenceLeavesOtherValuesAlone) {
    const ScopedEnv set("PORTICO_CONFIG_TEST_SET", "value");
    const ScopedEnv unset("PORTICO_CONFIG_TEST_UNSET", std::nullopt);
    EXPECT_EQ(resolveEnvReference("plain", kFile, "k"), "plain");
    EXPECT_EQ(resolveEnvReference("env/PORTICO_CONFIG_TEST_SET", kFile, "k"), "env/PORTICO_CONFIG_TEST_SET");
    EXPECT_EQ(resolveEnvReference("os.environ/PORTICO_CONFIG_TEST_SET", kFile, "k"), "value");
    EXPECT_THROW(resolveEnvReference("os.environ/PORTICO_CONFIG_TEST_UNSET", kFile, "k"), ConfigError);
}

TEST(ConfigTest, SkipsModelWhoseApiKeyVariableIsUnset) {
    const ScopedEnv unset("PORTICO_CONFIG_TEST_UNSET", std::nullopt);
    const Config config = parseConfig(R"(
model_list:
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/PORTICO_CONFIG_TEST_UNSET}
  - model_name: demo
    litellm_params: {model: mock/demo}
)", kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].model_name, "demo");
    EXPECT_EQ(config.model_list[0].id, "demo#1");  // ids keep the file position, skipped or not
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: model_list[0].litellm_params.api_key: model 'gpt-4o': "
                                   "PORTICO_CONFIG_TEST_UNSET not set, entry skipped"));
}

TEST(ConfigTest, EmptyVariableCountsAsUnset) {
    const ScopedEnv empty("PORTICO_CONFIG_TEST_EMPTY", "");
    const Config config = parseConfig(R"(
model_list:
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/PORTICO_CONFIG_TEST_EMPTY}
)", kFile);
    EXPECT_TRUE(config.model_list.empty());
    EXPECT_EQ(errorOf("general_settings: {master_key: os.environ/PORTICO_CONFIG_TEST_EMPTY}"),
              "etc/x.yaml: general_settings.master_key: environment variable PORTICO_CONFIG_TEST_EMPTY is not set");
}

TEST(ConfigTest, UnsetMasterKeyVariableIsAnErrorNamingTheKey) {
    const ScopedEnv unset("PORTICO_CONFIG_TEST_UNSET", std::nullopt);
    EXPECT_EQ(errorOf("general_settings:\n  master_key: os.environ/PORTICO_CONFIG_TEST_UNSET\n"),
              "etc/x.yaml: general_settings.master_key: environment variable PORTICO_CONFIG_TEST_UNSET is not set");
}

TEST(ConfigTest, UnsetVariableOutsideApiKeyIsAnError) {
    const ScopedEnv unset("PORTICO_CONFIG_TEST_UNSET", std::nullopt);
    EXPECT_EQ(errorOf("model_list:\n  - {model_name: m, litellm_params: {model: openai/x, "
                      "api_base: os.environ/PORTICO_CONFIG_TEST_UNSET}}\n"),
              "etc/x.yaml: model_list[0].litellm_params.api_base: environment variable PORTICO_CONFIG_TEST_UNSET is not set");
    EXPECT_EQ(errorOf("model_list:\n  - {model_name: m, litellm_params: {model: openai/x, "
                      "extra: [a, os.environ/PORTICO_CONFIG_TEST_UNSET]}}\n"),
              "etc/x.yaml: model_list[0].litellm_params.extra[1]: environment variable PORTICO_CONFIG_TEST_UNSET is not set");
    EXPECT_EQ(errorOf("plugins:\n  guardrails: [{name: g, config: {token: os.environ/PORTICO_CONFIG_TEST_UNSET}}]\n"),
              "etc/x.yaml: plugins.guardrails[0].config.token: environment variable PORTICO_CONFIG_TEST_UNSET is not set");
    EXPECT_EQ(errorOf("general_settings: {master_key: os.environ/}"),
              "etc/x.yaml: general_settings.master_key: 'os.environ/' names no environment variable");
}

TEST(ConfigTest, TypedParamsMayComeFromTheEnvironment) {
    const ScopedEnv timeout("PORTICO_CONFIG_TEST_TIMEOUT", "45.5");
    const Config config = parseConfig(
        "model_list:\n  - {model_name: m, litellm_params: {model: x, timeout: os.environ/PORTICO_CONFIG_TEST_TIMEOUT}}\n",
        kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_DOUBLE_EQ(config.model_list[0].timeout_s, 45.5);
}

TEST(ConfigTest, WarnsOnUnknownKeys) {
    const Config config = parseConfig(R"(
model_list:
  - model_name: m
    litellm_params: {model: mock/m, some_provider_param: 1}
    tags: [x]
server: {port: 4001, colour: blue}
plugins: {directory: /p, extras: 1}
frobnicate: true
)", kFile);
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: model_list[0].tags: unknown key, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: server.colour: unknown key, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: plugins.extras: unknown key, ignored"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: frobnicate: unknown key, ignored"));
    EXPECT_EQ(config.warnings.size(), 4u);  // provider params in litellm_params never warn
    EXPECT_EQ(config.server.port, 4001);
    EXPECT_EQ(config.plugins.directory, "/p");
}

TEST(ConfigTest, ValidationErrorsNameFileAndKey) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"model_list: {a: 1}", "etc/x.yaml: model_list: must be a sequence of model entries"},
        {"model_list: [hello]", "etc/x.yaml: model_list[0]: must be a mapping with model_name and litellm_params"},
        {"model_list:\n  - litellm_params: {model: openai/x}", "etc/x.yaml: model_list[0].model_name: missing"},
        {"model_list:\n  - model_name: m", "etc/x.yaml: model_list[0].litellm_params: missing (every model_list entry needs litellm_params.model)"},
        {"model_list:\n  - {model_name: m, litellm_params: {api_base: x}}", "etc/x.yaml: model_list[0].litellm_params.model: missing"},
        {"model_list:\n  - {model_name: m, litellm_params: [a]}", "etc/x.yaml: model_list[0].litellm_params: must be a mapping"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: /x}}", "etc/x.yaml: model_list[0].litellm_params.model: no provider before '/' in '/x'"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: openai/}}", "etc/x.yaml: model_list[0].litellm_params.model: no model name after '/' in 'openai/'"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: x, weight: 0}}", "etc/x.yaml: model_list[0].litellm_params.weight: must be > 0, found 0"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: x, timeout: -1}}", "etc/x.yaml: model_list[0].litellm_params.timeout: must be >= 0 seconds, found -1"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: x, timeout: soon}}", "etc/x.yaml: model_list[0].litellm_params.timeout: must be a number, found a string ('soon')"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: x, rpm: 1.5}}", "etc/x.yaml: model_list[0].litellm_params.rpm: must be an integer, found a number ('1.5')"},
        {"model_list:\n  - {model_name: m, litellm_params: {model: x}, model_info: 3}", "etc/x.yaml: model_list[0].model_info: must be a mapping"},
        {"server: {port: abc}", "etc/x.yaml: server.port: must be an integer, found a string ('abc')"},
        {"server: {port: \"4000\"}", "etc/x.yaml: server.port: must be an integer, found a string ('4000')"},
        {"server: {port: 70000}", "etc/x.yaml: server.port: must be between 0 and 65535, found 70000"},
        {"server: {port: -1}", "etc/x.yaml: server.port: must be between 0 and 65535, found -1"},
        {"server: {max_threads: 0}", "etc/x.yaml: server.max_threads: must be between 1 and 2147483647, found 0"},
        {"server: {max_threads: 4, min_threads: 8}", "etc/x.yaml: server.min_threads: must not exceed server.max_threads (4), found 8"},
        {"server: {max_body_bytes: 0}", "etc/x.yaml: server.max_body_bytes: must be between 1 and 9223372036854775807, found 0"},
        {"server: {thread_stack_kb: 16}", "etc/x.yaml: server.thread_stack_kb: must be 0 (system default) or at least 64, found 16"},
        {"server: {upstream_verify_tls: yes}", "etc/x.yaml: server.upstream_verify_tls: must be true or false, found a string ('yes')"},
        {"server: {log_level: loud}", "etc/x.yaml: server.log_level: must be one of debug, info, warn, error; found 'loud'"},
        {"server: {host: [a]}", "etc/x.yaml: server.host: must be a string, found a sequence"},
        {"server: [1]", "etc/x.yaml: server: must be a mapping"},
        {"plugins: {observers: {name: x}}", "etc/x.yaml: plugins.observers: must be a sequence of {name, config} entries"},
        {"plugins: {observers: [{config: {}}]}", "etc/x.yaml: plugins.observers[0].name: missing"},
        {"plugins: {guardrails: [{name: g, config: [1]}]}", "etc/x.yaml: plugins.guardrails[0].config: must be a mapping"},
        {"- a\n- b", "etc/x.yaml: top level: must be a mapping of sections (model_list, general_settings, server, plugins)"},
    };
    for (const auto& [yaml, expected] : cases) EXPECT_EQ(errorOf(yaml), expected) << yaml;
}

TEST(ConfigTest, PluginInstancesCarryTheirConfigAsJson) {
    const Config config = parseConfig(R"(
plugins:
  directory: /opt/portico/plugins
  observers:
    - {name: jsonl, config: {path: /tmp/events.jsonl, flush_ms: 100}}
    - {name: jsonl}
  guardrails:
    - name: blocked_words
      config: {words: [forbidden, "no"], case_sensitive: false}
)", kFile);
    EXPECT_EQ(config.plugins.directory, "/opt/portico/plugins");
    ASSERT_EQ(config.plugins.observers.size(), 2u);
    EXPECT_EQ(config.plugins.observers[0].name, "jsonl");
    EXPECT_EQ(config.plugins.observers[0].config_json, R"({"path":"/tmp/events.jsonl","flush_ms":100})");
    EXPECT_EQ(config.plugins.observers[1].config_json, "{}");
    ASSERT_EQ(config.plugins.guardrails.size(), 1u);
    EXPECT_EQ(config.plugins.guardrails[0].config_json, R"({"words":["forbidden","no"],"case_sensitive":false})");
}

TEST(ConfigTest, ReadsServerSettingsAndKeepsDefaultsForAbsentKeys) {
    const Config defaults = parseConfig("server:\n  port:\n", kFile);  // a key without a value keeps its default
    EXPECT_EQ(defaults.server.port, ServerSettings{}.port);
    EXPECT_EQ(defaults.server.max_threads, ServerSettings{}.max_threads);

    const Config config = parseConfig(R"(
server: {host: 0.0.0.0, port: 0, max_threads: 6000, min_threads: 16, max_connections: 10000, header_timeout_s: 7,
         listen_backlog: 8192, thread_stack_kb: 512, keep_alive_timeout_s: 5, max_keep_alive_requests: 100,
         max_body_bytes: 1048576, request_timeout_s: 120, connect_timeout_s: 3, send_timeout_s: 20,
         shutdown_grace_s: 0, log_level: WARNING, upstream_ca_file: /etc/ssl/ca.pem,
         upstream_verify_tls: false, request_timeout: 5}
)", kFile);
    const ServerSettings& s = config.server;
    EXPECT_EQ(s.host, "0.0.0.0");
    EXPECT_EQ(s.port, 0);
    EXPECT_EQ(s.max_threads, 6000);
    EXPECT_EQ(s.min_threads, 16);
    EXPECT_EQ(s.max_connections, 10000);
    EXPECT_EQ(s.header_timeout_s, 7);
    EXPECT_EQ(s.listen_backlog, 8192);
    EXPECT_EQ(s.thread_stack_kb, 512);
    EXPECT_EQ(s.keep_alive_timeout_s, 5);
    EXPECT_EQ(s.max_keep_alive_requests, 100);
    EXPECT_EQ(s.max_body_bytes, 1048576u);
    EXPECT_EQ(s.request_timeout_s, 120);
    EXPECT_EQ(s.connect_timeout_s, 3);
    EXPECT_EQ(s.send_timeout_s, 20);
    EXPECT_EQ(s.shutdown_grace_s, 0);
    EXPECT_EQ(s.log_level, "warn");
    EXPECT_EQ(s.upstream_ca_file, "/etc/ssl/ca.pem");
    EXPECT_FALSE(s.upstream_verify_tls);
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: server.upstream_verify_tls: false: upstream TLS certificates are not verified"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: server.request_timeout: unknown key, ignored"));
}

TEST(ConfigTest, DuplicateModelNamesFormOneGroup) {
    const Config config = parseConfig(R"(
model_list:
  - {model_name: gpt, litellm_params: {model: openai/gpt-4o, api_base: "http://a/v1", weight: 3}}
  - {model_name: gpt, litellm_params: {model: openai/gpt-4o, api_base: "http://b/v1"}}
)", kFile);
    ASSERT_EQ(config.model_list.size(), 2u);
    EXPECT_EQ(config.model_list[0].id, "gpt#0");
    EXPECT_EQ(config.model_list[1].id, "gpt#1");
    EXPECT_DOUBLE_EQ(config.model_list[0].weight, 3);
    EXPECT_TRUE(config.warnings.empty());
}

TEST(ConfigTest, AppliesMergeKeysAndWarnsOnDuplicateKeys) {
    const Config config = parseConfig(R"(
x-defaults: &defaults {model: openai/gpt-4o, timeout: 10, rpm: 5}
model_list:
  - model_name: a
    litellm_params:
      <<: *defaults
      timeout: 20
server:
  port: 1
  port: 2
)", kFile);
    ASSERT_EQ(config.model_list.size(), 1u);
    EXPECT_EQ(config.model_list[0].upstream_model, "gpt-4o");
    EXPECT_DOUBLE_EQ(config.model_list[0].timeout_s, 20);  // explicit keys win over merged ones
    EXPECT_EQ(config.model_list[0].rpm, 5);
    EXPECT_EQ(config.model_list[0].params_json, R"({"timeout":20,"model":"openai/gpt-4o","rpm":5})");
    EXPECT_EQ(config.server.port, 2);
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: server.port: duplicate key, the last value is used"));
    EXPECT_TRUE(hasWarning(config, "etc/x.yaml: x-defaults: unknown key, ignored"));
}

TEST(ConfigTest, YamlSyntaxErrorReportsLineAndColumn) {
    EXPECT_EQ(errorOf("model_list:\n  - model_name: m\n     litellm_params: x\n"),
              "etc/x.yaml: line 3, column 20: invalid YAML: illegal map value");
    EXPECT_EQ(errorOf("server:\n  port: 1\n host: x\n"), "etc/x.yaml: line 3, column 2: invalid YAML: end of map not found");
}

TEST(ConfigTest, EmptyFileIsValidButWarns) {
    for (const std::string yaml : {"", "# only a comment\n", "model_list:\n"}) {
        const Config config = parseConfig(yaml, kFile);
        EXPECT_TRUE(config.model_list.empty());
        EXPECT_EQ(config.warnings, std::vector<std::string>{"etc/x.yaml: model_list: missing or empty, no models are served"})
            << yaml;
    }
}

TEST(ConfigTest, MissingFileIsAnError) {
    const std::string path = "/nonexistent/portico-config-test.yaml";
    try {
        loadConfig(path);
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": cannot read config file (No such file or directory)");
    }
}

TEST(ConfigTest, DemoConfigLoads) {
    const std::string path = demoConfigPath().string();
    {
        const ScopedEnv no_key("OPENAI_API_KEY", std::nullopt);
        const Config config = loadConfig(path);
        ASSERT_EQ(config.model_list.size(), 1u);
        EXPECT_EQ(config.model_list[0].model_name, "demo");
        EXPECT_EQ(config.model_list[0].provider, "mock");
        EXPECT_EQ(config.source_path, path);
        EXPECT_EQ(config.master_key, "");
        EXPECT_EQ(config.warnings, std::vector<std::string>{path + ": model_list[1].litellm_params.api_key: model "
                                                                   "'gpt-4o-mini': OPENAI_API_KEY not set, entry skipped"});
    }
    const ScopedEnv key("OPENAI_API_KEY", "sk-test");
    const Config config = loadConfig(path);
    ASSERT_EQ(config.model_list.size(), 2u);
    EXPECT_EQ(config.model_list[1].id, "gpt-4o-mini#1");
    EXPECT_EQ(config.model_list[1].provider, "openai");
    EXPECT_EQ(config.model_list[1].api_key, "sk-test");
    EXPECT_TRUE(config.warnings.empty());
    EXPECT_TRUE(config.plugins.observers.empty());
    EXPECT_TRUE(config.plugins.directory.empty());
}

TEST(ConfigTest, ReadsMaxUpstreamBodyBytes) {
    EXPECT_EQ(parseConfig("", "etc/x.yaml").server.max_upstream_body_bytes, std::size_t{64} << 20);
    EXPECT_EQ(parseConfig("server: {max_upstream_body_bytes: 1048576}", "etc/x.yaml").server.max_upstream_body_bytes,
              1048576u);
    EXPECT_EQ(errorOf("server: {max_upstream_body_bytes: 0}"),
              "etc/x.yaml: server.max_upstream_body_bytes: must be between 1 and 9223372036854775807, found 0");
}

}  // namespace
}  // namespace portico::config
