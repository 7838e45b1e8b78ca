#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/TestHost.h"

namespace fs = std::filesystem;
using portico::test::borrow;
using portico::test::ErrorBuffer;
using portico::test::LoadedPlugin;
using portico::test::TestHost;

namespace {

const std::string kJsonlPlugin = std::string(PORTICO_PLUGIN_DIR) + "/observers/jsonl.so";

/// A portico_event plus the storage its pointers refer to; fields default to "absent".
struct JsonlTestEvent {
    explicit JsonlTestEvent(uint32_t type) {
        event.struct_size = sizeof event;
        event.type = type;
        event.unix_ns = 1700000000123456789ull;
        event.request_id = PORTICO_STR("req-42");
        event.model = PORTICO_STR("gpt-test");
    }
    JsonlTestEvent& header(std::string_view name, std::string_view value) {
        headers.push_back({borrow(name), borrow(value)});
        event.headers = headers.data();
        event.header_count = headers.size();
        return *this;
    }
    JsonlTestEvent& chunk(std::string_view json) {
        chunks.push_back(borrow(json));
        event.chunks = chunks.data();
        event.chunk_count = chunks.size();
        return *this;
    }

    portico_event event{};
    std::vector<portico_header> headers;
    std::vector<portico_str> chunks;
};

/// Loads the plugin and creates one observer writing into a scratch directory.
class JsonlObserverTest : public ::testing::Test {
protected:
    JsonlObserverTest()
        : dir_(fs::temp_directory_path() / ("portico-jsonl-" + std::to_string(std::random_device{}()))),
          plugin_(kJsonlPlugin, host_) {
        fs::create_directories(dir_);
    }
    ~JsonlObserverTest() override {
        for (void* instance : instances_) vtable().destroy(instance);
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    const portico_observer_vtable& vtable() const { return plugin_.vtable<portico_observer_vtable>(); }
    std::string logPath() const { return (dir_ / "events.jsonl").string(); }

    /// Creates an instance; returns its status and fills `error`.
    portico_status tryCreate(const std::string& config_json, void** instance, ErrorBuffer& error) {
        const portico_status status = vtable().create(host_.host(), borrow(config_json), instance, &error.error);
        if (status == PORTICO_OK) instances_.push_back(*instance);
        return status;
    }

    void* create(const std::string& config_json) {
        void* instance = nullptr;
        ErrorBuffer error;
        EXPECT_EQ(tryCreate(config_json, &instance, error), PORTICO_OK) << error.message();
        return instance;
    }

    void* createForLogPath() { return create(R"({"path":")" + logPath() + R"("})"); }

    /// Delivers events as the host's observer thread would, then flushes.
    void deliver(void* instance, std::vector<const JsonlTestEvent*> events) {
        std::vector<const portico_event*> batch;
        for (const JsonlTestEvent* e : events) batch.push_back(&e->event);
        ErrorBuffer error;
        ASSERT_EQ(vtable().on_events(instance, batch.data(), batch.size(), &error.error), PORTICO_OK)
            << error.message();
        ASSERT_EQ(vtable().flush(instance, 1000), PORTICO_OK);
    }

    std::string fileText() const {
        std::ifstream in(logPath(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::vector<std::string> fileLines() const {
        std::vector<std::string> lines;
        std::istringstream in(fileText());
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    }

    /// Parses every line of the file, failing the test if one is not a JSON object.
    std::vector<rapidjson::Document> records() const {
        std::vector<rapidjson::Document> parsed;
        for (const std::string& line : fileLines()) {
            rapidjson::Document record;
            record.Parse(line.data(), line.size());
            EXPECT_FALSE(record.HasParseError()) << line;
            EXPECT_TRUE(record.IsObject()) << line;
            parsed.push_back(std::move(record));
        }
        return parsed;
    }

    TestHost host_;
    fs::path dir_;
    LoadedPlugin plugin_;
    std::vector<void*> instances_;
};

/// Caps the size of files this process may write, so a write fails part-way like a full disk;
/// restores the limit (and SIGXFSZ, which would otherwise kill the process) when destroyed.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &previous_);
        rlimit capped = previous_;
        capped.rlim_cur = bytes;
        applied_ = setrlimit(RLIMIT_FSIZE, &capped) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previous_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool applied() const { return applied_; }

private:
    rlimit previous_{};
    void (*previous_handler_)(int) = SIG_DFL;
    bool applied_ = false;
};

std::string stringAt(const rapidjson::Value& object, const char* key) {
    if (!object.IsObject() || !object.HasMember(key) || !object[key].IsString()) return "<absent>";
    return {object[key].GetString(), object[key].GetStringLength()};
}

TEST_F(JsonlObserverTest, DeclaresAnObserverOfEveryEventType) {
    ASSERT_EQ(plugin_.initStatus(), PORTICO_OK);
    EXPECT_EQ(plugin_.descriptor().kind, PORTICO_KIND_OBSERVER);
    EXPECT_EQ(plugin_.name(), "jsonl");
    EXPECT_EQ(vtable().event_mask, PORTICO_EVENT_MASK_ALL);
    EXPECT_NE(vtable().flush, nullptr);
}

TEST_F(JsonlObserverTest, RefusesAHostOfAnotherAbiMajorButStillNamesItself) {
    TestHost future_host;
    future_host.setAbiMajor(PORTICO_ABI_MAJOR + 1);
    const LoadedPlugin refused(kJsonlPlugin, future_host);
    EXPECT_EQ(refused.initStatus(), PORTICO_ERR_ABI);
    EXPECT_EQ(refused.name(), "jsonl");
}

TEST_F(JsonlObserverTest, WritesOneParseableLinePerEventWithTheFieldsItCarries) {
    void* observer = createForLogPath();
    JsonlTestEvent request(PORTICO_EVENT_REQUEST);
    request.event.method = PORTICO_STR("POST");
    request.event.url = PORTICO_STR("/v1/chat/completions");
    request.header("Content-Type", "application/json");
    request.event.body = PORTICO_STR(R"({"model":"gpt-test","messages":[{"role":"user","content":"hi"}]})");
    JsonlTestEvent upstream(PORTICO_EVENT_PROVIDER_REQUEST);
    upstream.event.provider = PORTICO_STR("openai");
    upstream.event.method = PORTICO_STR("POST");
    upstream.event.url = PORTICO_STR("https://api.example.com/v1/chat/completions");
    JsonlTestEvent upstream_answer(PORTICO_EVENT_PROVIDER_RESPONSE);
    upstream_answer.event.provider = PORTICO_STR("openai");
    upstream_answer.event.http_status = 200;
    upstream_answer.event.latency_ns = 12345678;
    JsonlTestEvent response(PORTICO_EVENT_RESPONSE);
    response.event.http_status = 200;
    response.event.latency_ns = 15000000;
    const portico_usage usage{sizeof(portico_usage), 11, 7, 18, 0, 0, 0};
    response.event.usage = &usage;
    deliver(observer, {&request, &upstream, &upstream_answer, &response});

    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(stringAt(lines[0], "type"), "request");
    EXPECT_EQ(stringAt(lines[1], "type"), "provider_request");
    EXPECT_EQ(stringAt(lines[2], "type"), "provider_response");
    EXPECT_EQ(stringAt(lines[3], "type"), "response");
    for (const rapidjson::Document& line : lines) {
        EXPECT_EQ(stringAt(line, "request_id"), "req-42");
        EXPECT_EQ(stringAt(line, "model"), "gpt-test");
        EXPECT_EQ(stringAt(line, "ts"), "2023-11-14T22:13:20.123Z");
    }
    EXPECT_EQ(stringAt(lines[0], "method"), "POST");
    EXPECT_EQ(stringAt(lines[0], "url"), "/v1/chat/completions");
    EXPECT_EQ(stringAt(lines[0]["headers"], "Content-Type"), "application/json");
    ASSERT_TRUE(lines[0]["body"].IsObject()) << "a JSON body is embedded as JSON, not as a string";
    EXPECT_EQ(stringAt(lines[0]["body"]["messages"][0], "content"), "hi");
    EXPECT_FALSE(lines[0].HasMember("provider"));
    EXPECT_FALSE(lines[0].HasMember("http_status"));
    EXPECT_FALSE(lines[0].HasMember("latency_ms"));
    EXPECT_FALSE(lines[0].HasMember("usage"));

    EXPECT_EQ(stringAt(lines[1], "provider"), "openai");
    EXPECT_EQ(stringAt(lines[1], "url"), "https://api.example.com/v1/chat/completions");
    EXPECT_FALSE(lines[1].HasMember("body"));
    EXPECT_EQ(lines[2]["http_status"].GetInt(), 200);
    EXPECT_DOUBLE_EQ(lines[2]["latency_ms"].GetDouble(), 12.346);
    EXPECT_EQ(lines[3]["usage"]["prompt_tokens"].GetUint64(), 11u);
    EXPECT_EQ(lines[3]["usage"]["completion_tokens"].GetUint64(), 7u);
    EXPECT_EQ(lines[3]["usage"]["total_tokens"].GetUint64(), 18u);
    EXPECT_FALSE(lines[3].HasMember("error"));
}

TEST_F(JsonlObserverTest, WritesTheChunkSequenceOfAStreamedResponse) {
    void* observer = createForLogPath();
    JsonlTestEvent streamed(PORTICO_EVENT_RESPONSE);
    streamed.event.http_status = 200;
    streamed.chunk(R"({"object":"chat.completion.chunk","choices":[{"delta":{"content":"Hel"}}]})")
        .chunk(R"({"object":"chat.completion.chunk","choices":[{"delta":{"content":"lo"}}]})")
        .chunk("[DONE]");
    deliver(observer, {&streamed});

    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 1u);
    ASSERT_TRUE(lines[0].HasMember("chunk_sequence"));
    const rapidjson::Value& chunks = lines[0]["chunk_sequence"];
    ASSERT_TRUE(chunks.IsArray());
    ASSERT_EQ(chunks.Size(), 3u);
    EXPECT_EQ(stringAt(chunks[0]["choices"][0]["delta"], "content"), "Hel");
    EXPECT_EQ(stringAt(chunks[1]["choices"][0]["delta"], "content"), "lo");
    ASSERT_TRUE(chunks[2].IsString()) << "a chunk that is not JSON is kept as a string";
    EXPECT_STREQ(chunks[2].GetString(), "[DONE]");
    EXPECT_FALSE(lines[0].HasMember("body"));
}

TEST_F(JsonlObserverTest, RedactsCredentialsInHeadersBodiesChunksAndUrls) {
    void* observer = createForLogPath();
    JsonlTestEvent upstream(PORTICO_EVENT_PROVIDER_REQUEST);
    upstream.event.provider = PORTICO_STR("gemini");
    upstream.event.method = PORTICO_STR("POST");
    upstream.event.url = PORTICO_STR("https://example.com/v1beta/models/x:generate?key=sk-secret-url&alt=sse");
    upstream.header("Authorization", "Bearer sk-secret-bearer")
        .header("X-API-KEY", "sk-secret-xapi")
        .header("api-key", "sk-secret-azure")
        .header("x-goog-api-key", "sk-secret-goog")
        .header("Proxy-Authorization", "Basic sk-secret-proxy")
        .header("Accept", "text/event-stream");
    upstream.event.body =
        PORTICO_STR(R"({"api_key":"sk-secret-body","config":{"APIKEY":{"value":"sk-secret-nested"},"keep":"visible"},)"
                    R"("list":[{"Authorization":["sk-secret-array"]}]})");
    upstream.chunk(R"({"apiKey":"sk-secret-chunk","delta":"ok"})");
    deliver(observer, {&upstream});

    const std::string text = fileText();
    EXPECT_EQ(text.find("sk-secret"), std::string::npos) << text;
    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 1u);
    const rapidjson::Value& headers = lines[0]["headers"];
    EXPECT_EQ(stringAt(headers, "Authorization"), "[REDACTED]");
    EXPECT_EQ(stringAt(headers, "X-API-KEY"), "[REDACTED]");
    EXPECT_EQ(stringAt(headers, "api-key"), "[REDACTED]");
    EXPECT_EQ(stringAt(headers, "x-goog-api-key"), "[REDACTED]");
    EXPECT_EQ(stringAt(headers, "Proxy-Authorization"), "[REDACTED]");
    EXPECT_EQ(stringAt(headers, "Accept"), "text/event-stream");
    const rapidjson::Value& body = lines[0]["body"];
    EXPECT_EQ(stringAt(body, "api_key"), "[REDACTED]");
    EXPECT_EQ(stringAt(body["config"], "APIKEY"), "[REDACTED]");
    EXPECT_EQ(stringAt(body["config"], "keep"), "visible");
    EXPECT_EQ(stringAt(body["list"][0], "Authorization"), "[REDACTED]");
    EXPECT_EQ(stringAt(lines[0]["chunk_sequence"][0], "apiKey"), "[REDACTED]");
    EXPECT_EQ(stringAt(lines[0]["chunk_sequence"][0], "delta"), "ok");
    EXPECT_EQ(stringAt(lines[0], "url"), "https://example.com/v1beta/models/x:generate?key=[REDACTED]&alt=sse");
}

TEST_F(JsonlObserverTest, KeepsNonJsonBodiesAsEscapedStringsOnOneLine) {
    void* observer = createForLogPath();
    JsonlTestEvent response(PORTICO_EVENT_RESPONSE);
    response.event.http_status = 502;
    const std::string raw =
        std::string("upstream said:\n\"bad gateway\"\t\x01 end ") + "\xff" + std::string(1, '\0') + "!";
    response.event.body = borrow(raw);
    response.event.error_message = PORTICO_STR("upstream unreachable: connection reset");
    deliver(observer, {&response});

    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 1u) << "an embedded newline must not split the record";
    ASSERT_TRUE(lines[0]["body"].IsString());
    const std::string body(lines[0]["body"].GetString(), lines[0]["body"].GetStringLength());
    EXPECT_EQ(body, std::string("upstream said:\n\"bad gateway\"\t\x01 end \xEF\xBF\xBD") + std::string(1, '\0') + "!")
        << "invalid UTF-8 becomes U+FFFD so the file stays valid UTF-8";
    EXPECT_EQ(stringAt(lines[0], "error"), "upstream unreachable: connection reset");
}

TEST_F(JsonlObserverTest, EmbedsNumbersWithTheirOriginalSpelling) {
    void* observer = createForLogPath();
    JsonlTestEvent request(PORTICO_EVENT_REQUEST);
    request.event.body = PORTICO_STR(R"({"temperature":0.10,"seed":123456789012345678901234567890})");
    deliver(observer, {&request});
    EXPECT_NE(fileText().find(R"("body":{"temperature":0.10,"seed":123456789012345678901234567890})"),
              std::string::npos)
        << fileText();
}

TEST_F(JsonlObserverTest, EmbedsPathologicallyNestedBodiesWithoutExhaustingTheStack) {
    void* observer = createForLogPath();
    const std::string nested = std::string(200000, '[') + std::string(200000, ']');
    JsonlTestEvent request(PORTICO_EVENT_REQUEST);
    request.event.body = borrow(nested);
    deliver(observer, {&request});
    const std::vector<std::string> lines = fileLines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find(R"("body":)" + nested + "}"), std::string::npos);
}

TEST_F(JsonlObserverTest, AppendsToAnExistingFileAcrossInstances) {
    {
        std::ofstream existing(logPath());
        existing << R"({"type":"earlier"})" << '\n';
    }
    JsonlTestEvent first(PORTICO_EVENT_REQUEST);
    deliver(createForLogPath(), {&first});
    JsonlTestEvent second(PORTICO_EVENT_RESPONSE);
    deliver(createForLogPath(), {&second});

    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(stringAt(lines[0], "type"), "earlier");
    EXPECT_EQ(stringAt(lines[1], "type"), "request");
    EXPECT_EQ(stringAt(lines[2], "type"), "response");
}

TEST_F(JsonlObserverTest, WritesEachBatchThroughToTheFileWithoutWaitingForFlush) {
    void* observer = create(R"({"path":")" + logPath() + R"(","fsync_on_flush":false})");
    JsonlTestEvent request(PORTICO_EVENT_REQUEST);
    const portico_event* batch[] = {&request.event};
    ErrorBuffer error;
    ASSERT_EQ(vtable().on_events(observer, batch, 1, &error.error), PORTICO_OK) << error.message();
    EXPECT_EQ(fileLines().size(), 1u);
    EXPECT_EQ(vtable().flush(observer, 1000), PORTICO_OK);
}

TEST_F(JsonlObserverTest, AsksForARetryWhenTheFileCannotBeWritten) {
    ASSERT_TRUE(fs::exists("/dev/full")) << "needs /dev/full (standard on Linux) to simulate a full disk";
    void* observer = create(R"({"path":"/dev/full"})");
    JsonlTestEvent request(PORTICO_EVENT_REQUEST);
    const portico_event* batch[] = {&request.event};
    ErrorBuffer error;
    EXPECT_EQ(vtable().on_events(observer, batch, 1, &error.error), PORTICO_ERR_RETRY);
    EXPECT_NE(error.message().find("/dev/full"), std::string::npos) << error.message();
    ErrorBuffer retry_error;
    EXPECT_EQ(vtable().on_events(observer, batch, 1, &retry_error.error), PORTICO_ERR_RETRY)
        << "the retried batch fails the same way instead of crashing on a closed file";
}

TEST_F(JsonlObserverTest, RollsBackABatchThatOnlyPartlyFitsSoTheRetryWritesItOnce) {
    void* observer = createForLogPath();
    JsonlTestEvent earlier(PORTICO_EVENT_REQUEST);
    deliver(observer, {&earlier});
    const auto size_before = fs::file_size(logPath());

    const std::string padding(300, 'x');
    const std::string body = R"({"note":")" + padding + R"("})";
    JsonlTestEvent first(PORTICO_EVENT_REQUEST);
    first.event.body = borrow(body);
    JsonlTestEvent second(PORTICO_EVENT_PROVIDER_REQUEST);
    second.event.body = borrow(body);
    JsonlTestEvent third(PORTICO_EVENT_RESPONSE);
    third.event.body = borrow(body);
    const portico_event* batch[] = {&first.event, &second.event, &third.event};
    {
        FileSizeLimit limit(size_before + 500);  // room for one and a half records
        ASSERT_TRUE(limit.applied());
        ErrorBuffer error;
        EXPECT_EQ(vtable().on_events(observer, batch, 3, &error.error), PORTICO_ERR_RETRY);
        EXPECT_FALSE(error.message().empty());
    }
    EXPECT_EQ(fs::file_size(logPath()), size_before) << "the torn batch is cut off again";

    ErrorBuffer error;
    ASSERT_EQ(vtable().on_events(observer, batch, 3, &error.error), PORTICO_OK) << error.message();
    const std::vector<rapidjson::Document> lines = records();
    ASSERT_EQ(lines.size(), 4u) << "each event of the retried batch appears exactly once";
    EXPECT_EQ(stringAt(lines[1], "type"), "request");
    EXPECT_EQ(stringAt(lines[2], "type"), "provider_request");
    EXPECT_EQ(stringAt(lines[3], "type"), "response");
}

TEST_F(JsonlObserverTest, RefusesConfigWithoutPath) {
    void* instance = nullptr;
    ErrorBuffer error;
    EXPECT_EQ(tryCreate(R"({"fsync_on_flush":true})", &instance, error), PORTICO_ERR_INVALID);
    EXPECT_EQ(error.message(), "jsonl: config.path is required");
    ErrorBuffer empty_error;
    EXPECT_EQ(tryCreate("", &instance, empty_error), PORTICO_ERR_INVALID);
    EXPECT_EQ(empty_error.message(), "jsonl: config.path is required");
}

TEST_F(JsonlObserverTest, RefusesMistypedMisspelledOrMalformedConfig) {
    void* instance = nullptr;
    for (const std::string& config :
         {R"({"path":")" + logPath() + R"(","fsync_on_flush":"yes"})",
          R"({"path":")" + logPath() + R"(","fsync_on_flsh":false})", std::string(R"({"path":42})"),
          std::string(R"({"path":)"), std::string(R"(["not","an","object"])")}) {
        ErrorBuffer error;
        EXPECT_EQ(tryCreate(config, &instance, error), PORTICO_ERR_INVALID) << config;
        EXPECT_EQ(error.message().rfind("jsonl: ", 0), 0u) << error.message();
    }
}

TEST_F(JsonlObserverTest, RefusesAPathThatCannotBeOpened) {
    void* instance = nullptr;
    ErrorBuffer error;
    const std::string missing_dir = (dir_ / "no-such-dir" / "events.jsonl").string();
    EXPECT_EQ(tryCreate(R"({"path":")" + missing_dir + R"("})", &instance, error), PORTICO_ERR_INVALID);
    EXPECT_NE(error.message().find(missing_dir), std::string::npos) << error.message();
}

}  // namespace
