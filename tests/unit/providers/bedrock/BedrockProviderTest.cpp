// BedrockProvider end to end inside the plugin: settings from litellm_params and the
// environment, the URL and encoded model id, SigV4 / Bearer auth, and response translation.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <string>

#include "../openai/RecordingSinks.h"
#include "BedrockProvider.h"
#include "BedrockTarget.h"
#include "common/PluginError.h"

namespace portico::bedrock {
namespace {

using openai::testing::RecordedRequest;
using openai::testing::writerTo;
using plugin_common::PluginError;

constexpr const char* kChat = R"({"model":"x","messages":[{"role":"user","content":"Hi"}]})";

Environment environmentOf(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const char* name) -> std::optional<std::string> {
        const auto found = values.find(name);
        return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

portico_call callFor(const char* model, const char* api_base, const char* api_key = "", uint32_t flags = 0) {
    portico_call call{};
    call.struct_size = sizeof call;
    call.request_id = PORTICO_STR("req-1");
    call.model = portico_str{model, std::char_traits<char>::length(model)};
    call.api_base = portico_str{api_base, std::char_traits<char>::length(api_base)};
    call.api_key = portico_str{api_key, std::char_traits<char>::length(api_key)};
    call.operation = PORTICO_OP_CHAT;
    call.flags = flags;
    return call;
}

BedrockProvider providerWith(const std::string& config, std::map<std::string, std::string> env = {}) {
    return BedrockProvider(readSettings(config, environmentOf(std::move(env))),
                           [] { return std::chrono::system_clock::from_time_t(1440938160); });
}

RecordedRequest built(const BedrockProvider& provider, const portico_call& call) {
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_EQ(provider.buildRequest(call, kChat, out), PORTICO_OK);
    return recorded;
}

TEST(BedrockSettingsTest, ParamsWinOverTheEnvironment) {
    const BedrockSettings settings =
        readSettings(R"({"model":"bedrock/x","aws_access_key_id":"AKIDCONFIG","aws_secret_access_key":"s",)"
                     R"("aws_region_name":"eu-west-1","aws_bedrock_runtime_endpoint":"http://127.0.0.1:9"})",
                     environmentOf({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "e"},
                                    {"AWS_SESSION_TOKEN", "envtoken"}, {"AWS_REGION", "us-east-2"}}));
    EXPECT_EQ(settings.credentials.access_key_id, "AKIDCONFIG");
    EXPECT_EQ(settings.credentials.session_token, "");  // never mixed with the environment's keys
    EXPECT_EQ(settings.region, "eu-west-1");
    EXPECT_EQ(settings.endpoint, "http://127.0.0.1:9");
}

TEST(BedrockSettingsTest, TheEnvironmentAsLiteLlmReadsIt) {
    const BedrockSettings settings = readSettings(
        "{}", environmentOf({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "e"}, {"AWS_SESSION_TOKEN", "t"},
                             {"AWS_REGION", "us-east-2"}, {"AWS_BEARER_TOKEN_BEDROCK", "bk"}}));
    EXPECT_EQ(settings.credentials.access_key_id, "AKIDENV");
    EXPECT_EQ(settings.credentials.session_token, "t");
    EXPECT_EQ(settings.region, "us-east-2");
    EXPECT_EQ(settings.bearer_token, "bk");
    EXPECT_EQ(readSettings("{}", environmentOf({{"AWS_REGION_NAME", "ap-south-1"}, {"AWS_REGION", "x"}})).region, "ap-south-1");
    EXPECT_EQ(readSettings("{}", environmentOf({})).region, kDefaultRegion);
}

TEST(BedrockSettingsTest, HalfAKeyPairIsRefused) {
    EXPECT_THROW(readSettings(R"({"aws_access_key_id":"AKID"})", environmentOf({})), PluginError);
    EXPECT_THROW(readSettings("[1]", environmentOf({})), PluginError);
}

TEST(BedrockTargetTest, ModelIdIsOneEncodedPathSegment) {
    EXPECT_EQ(modelIdOf("converse/us.anthropic.claude-3-5-sonnet-20240620-v1:0"), "us.anthropic.claude-3-5-sonnet-20240620-v1:0");
    const BedrockTarget target = targetFor("", "", "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0", "converse");
    EXPECT_EQ(target.url, "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    EXPECT_EQ(target.host, "bedrock-runtime.us-east-1.amazonaws.com");
    EXPECT_EQ(target.path, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    const BedrockTarget arn = targetFor("http://127.0.0.1:8080/", "", "r", "arn:aws:bedrock:us-east-1:1:inference-profile/x", "converse-stream");
    EXPECT_EQ(arn.url, "http://127.0.0.1:8080/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fx/converse-stream");
    EXPECT_EQ(arn.host, "127.0.0.1:8080");
    EXPECT_EQ(targetFor("https://example.com:443/base", "", "r", "m", "converse").host, "example.com");
    EXPECT_EQ(targetFor("https://example.com:443/base", "", "r", "m", "converse").path, "/base/model/m/converse");
    EXPECT_EQ(targetFor("", "http://endpoint", "r", "m", "converse").url, "http://endpoint/model/m/converse");
    EXPECT_THROW(targetFor("ftp://x", "", "r", "m", "converse"), PluginError);
}

TEST(BedrockProviderTest, SigV4SignsTheRequestAsSent) {
    const BedrockProvider provider = providerWith(
        R"({"aws_access_key_id":"AKIDEXAMPLE","aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","aws_region_name":"us-east-1"})");
    const RecordedRequest request = built(provider, callFor("anthropic.claude-3-haiku-20240307-v1:0", ""));
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    EXPECT_EQ(request.header("Host"), "bedrock-runtime.us-east-1.amazonaws.com");
    EXPECT_EQ(request.header("X-Amz-Date"), "20150830T123600Z");
    EXPECT_EQ(request.header("X-Amz-Security-Token"), "<absent>");
    EXPECT_EQ(request.body, R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})");
    // The same request, body and time as wire-formats.md's worked Converse example.
    EXPECT_EQ(request.header("Authorization"),
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, "
              "SignedHeaders=content-type;host;x-amz-date, "
              "Signature=3727b71685329bac0dc44a4bb7e4cd9ccb076c5e1d0490659e5e2461fdb36539");
}

TEST(BedrockProviderTest, StreamsGoToConverseStreamAndAskForTheEventStream) {
    const BedrockProvider provider =
        providerWith(R"({"aws_access_key_id":"A","aws_secret_access_key":"S","aws_session_token":"T"})");
    const RecordedRequest request = built(provider, callFor("m", "http://127.0.0.1:1", "", PORTICO_CALL_STREAM));
    EXPECT_EQ(request.url, "http://127.0.0.1:1/model/m/converse-stream");
    EXPECT_EQ(request.header("Accept"), "application/vnd.amazon.eventstream");
    EXPECT_EQ(request.header("X-Amz-Security-Token"), "T");
    EXPECT_NE(request.header("Authorization").find("/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "),
              std::string::npos);
}

TEST(BedrockProviderTest, ApiKeysGoAsBearerTokens) {
    const BedrockProvider with_keys = providerWith(R"({"aws_access_key_id":"A","aws_secret_access_key":"S"})");
    EXPECT_EQ(built(with_keys, callFor("m", "", "bedrock-key")).header("Authorization"), "Bearer bedrock-key");
    const BedrockProvider env_token = providerWith("{}", {{"AWS_BEARER_TOKEN_BEDROCK", "env-key"}});
    EXPECT_EQ(built(env_token, callFor("m", "")).header("Authorization"), "Bearer env-key");
    EXPECT_EQ(built(env_token, callFor("m", "")).header("X-Amz-Date"), "<absent>");
}

TEST(BedrockProviderTest, NoCredentialsAtAllIsAnAuthenticationError) {
    const BedrockProvider provider = providerWith("{}");
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    try {
        provider.buildRequest(callFor("m", ""), kChat, out);
        FAIL() << "no throw";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 401);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_AUTHENTICATION);
    }
}

TEST(BedrockProviderTest, EmbeddingsAreNotSupported) {
    const BedrockProvider provider = providerWith(R"({"aws_access_key_id":"A","aws_secret_access_key":"S"})");
    portico_call call = callFor("amazon.titan-embed-text-v2:0", "");
    call.operation = PORTICO_OP_EMBEDDINGS;
    RecordedRequest recorded;
    portico_upstream_request out = recorded.builder();
    EXPECT_THROW(provider.buildRequest(call, R"({"input":"x"})", out), PluginError);
}

TEST(BedrockProviderTest, ConverseResponseBecomesAChatCompletion) {
    const BedrockProvider provider = providerWith(R"({"aws_access_key_id":"A","aws_secret_access_key":"S"})");
    const std::string body =
        R"({"output":{"message":{"role":"assistant","content":[{"text":"Checking."},)"
        R"({"toolUse":{"toolUseId":"tooluse_02","name":"get_time","input":{"tz":"Europe/Oslo"}}}]}},"stopReason":"tool_use",)"
        R"("usage":{"inputTokens":12,"outputTokens":31,"totalTokens":1243,"cacheReadInputTokens":1200,"cacheWriteInputTokens":0},"metrics":{"latencyMs":842}})";
    std::string answer;
    portico_writer writer = writerTo(answer);
    portico_usage usage{};
    usage.struct_size = sizeof usage;
    ASSERT_EQ(provider.parseResponse(callFor("converse/m:0", ""), 200, nullptr, 0, body, writer, &usage), PORTICO_OK);
    simdjson::dom::parser parser;
    const simdjson::dom::element parsed = parser.parse(answer);
    EXPECT_EQ(std::string_view(parsed["id"]), "chatcmpl-req-1");
    EXPECT_EQ(std::string_view(parsed["model"]), "m:0");
    EXPECT_EQ(std::string_view(parsed["choices"].at(0)["message"]["content"]), "Checking.");
    EXPECT_EQ(simdjson::minify(parsed["choices"].at(0)["message"]["tool_calls"]),
              R"([{"id":"tooluse_02","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"Europe/Oslo\"}"}}])");
    EXPECT_EQ(std::string_view(parsed["choices"].at(0)["finish_reason"]), "tool_calls");
    EXPECT_EQ(int64_t(parsed["usage"]["prompt_tokens"]), 1212);
    EXPECT_EQ(int64_t(parsed["usage"]["total_tokens"]), 1243);
    EXPECT_EQ(usage.prompt_tokens, 1212u);
    EXPECT_EQ(usage.completion_tokens, 31u);
    EXPECT_EQ(usage.cached_tokens, 1200u);
}

TEST(BedrockProviderTest, ErrorsAndBrokenBodiesThrow) {
    const BedrockProvider provider = providerWith(R"({"aws_access_key_id":"A","aws_secret_access_key":"S"})");
    std::string answer;
    portico_writer writer = writerTo(answer);
    const portico_header headers[] = {{PORTICO_STR("X-Amzn-ErrorType"), PORTICO_STR("ThrottlingException:http://internal")}};
    try {
        provider.parseResponse(callFor("m", ""), 429, headers, 1, R"({"message":"Too many requests"})", writer, nullptr);
        FAIL() << "no throw";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.httpStatus(), 429);
        EXPECT_EQ(e.errorClass(), PORTICO_ERROR_CLASS_RATE_LIMITED);
    }
    EXPECT_THROW(provider.parseResponse(callFor("m", ""), 200, nullptr, 0, R"({"x":1})", writer, nullptr), PluginError);
}

}  // namespace
}  // namespace portico::bedrock
