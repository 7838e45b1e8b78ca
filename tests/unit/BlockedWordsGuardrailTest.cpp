#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/TestHost.h"

using portico::test::borrow;
using portico::test::ErrorBuffer;
using portico::test::LoadedPlugin;
using portico::test::TestHost;

namespace {

const std::string kBlockedWordsPlugin = std::string(PORTICO_PLUGIN_DIR) + "/guardrails/blocked_words.so";
constexpr std::string_view kBlockedMessage =
    "Request blocked by guardrail 'blocked_words': content matches a blocked term";

/// The outcome of one check() call.
struct Decision {
    portico_status status;
    portico_verdict verdict;
    int32_t http_status;
    std::string message;
};

/// A chat request whose single user message is `content` (a JSON value, already encoded).
std::string chatWithContent(const std::string& content_json) {
    return R"({"model":"gpt-test","messages":[{"role":"system","content":"Be brief."},)"
           R"({"role":"user","content":)" +
           content_json + "}]}";
}

std::string chatSaying(const std::string& text) { return chatWithContent("\"" + text + "\""); }

/// Loads the plugin; each test creates guardrails with the config it needs.
class BlockedWordsGuardrailTest : public ::testing::Test {
protected:
    BlockedWordsGuardrailTest() : plugin_(kBlockedWordsPlugin, host_) {}
    ~BlockedWordsGuardrailTest() override {
        for (void* instance : instances_) vtable().destroy(instance);
    }

    const portico_guardrail_vtable& vtable() const { return plugin_.vtable<portico_guardrail_vtable>(); }

    portico_status tryCreate(const std::string& config_json, ErrorBuffer& error) {
        void* instance = nullptr;
        const portico_status status = vtable().create(host_.host(), borrow(config_json), &instance, &error.error);
        if (status == PORTICO_OK) instances_.push_back(instance);
        return status;
    }

    void* create(const std::string& config_json) {
        ErrorBuffer error;
        EXPECT_EQ(tryCreate(config_json, error), PORTICO_OK) << error.message();
        return instances_.empty() ? nullptr : instances_.back();
    }

    Decision check(void* guardrail, const std::string& request_json, uint32_t hook = PORTICO_HOOK_PRE_CALL) const {
        portico_call call{};
        call.struct_size = sizeof call;
        call.request_id = PORTICO_STR("req-1");
        call.model = PORTICO_STR("gpt-test");
        call.operation = PORTICO_OP_CHAT;
        std::string rewritten;
        portico_writer rewrite_out{&rewritten, [](void* ctx, portico_str bytes) {
                                       static_cast<std::string*>(ctx)->append(bytes.ptr, bytes.len);
                                       return static_cast<portico_status>(PORTICO_OK);
                                   }};
        ErrorBuffer error;
        portico_verdict verdict = -1;
        const portico_status status =
            vtable().check(guardrail, hook, &call, borrow(request_json), &verdict, &rewrite_out, &error.error);
        EXPECT_TRUE(rewritten.empty()) << "blocked_words never rewrites";
        return {status, verdict, error.error.http_status, error.message()};
    }

    bool blocks(void* guardrail, const std::string& request_json) const {
        const Decision decision = check(guardrail, request_json);
        EXPECT_EQ(decision.status, PORTICO_OK) << decision.message;
        return decision.verdict == PORTICO_BLOCK;
    }

    TestHost host_;
    LoadedPlugin plugin_;
    std::vector<void*> instances_;
};

TEST_F(BlockedWordsGuardrailTest, DeclaresAPreCallGuardrail) {
    ASSERT_EQ(plugin_.initStatus(), PORTICO_OK);
    EXPECT_EQ(plugin_.descriptor().kind, PORTICO_KIND_GUARDRAIL);
    EXPECT_EQ(plugin_.name(), "blocked_words");
    EXPECT_EQ(vtable().hooks, PORTICO_HOOK_PRE_CALL);
}

TEST_F(BlockedWordsGuardrailTest, BlocksWith400AndAMessageThatDoesNotRevealTheTerm) {
    void* guardrail = create(R"({"words":["forbidden","zebra"]})");
    const Decision decision = check(guardrail, chatSaying("please tell me the forbidden recipe"));
    EXPECT_EQ(decision.status, PORTICO_OK);
    EXPECT_EQ(decision.verdict, PORTICO_BLOCK);
    EXPECT_EQ(decision.http_status, 400);
    EXPECT_EQ(decision.message, kBlockedMessage);
    EXPECT_EQ(decision.message.find("forbidden"), std::string::npos);
    EXPECT_EQ(decision.message.find("zebra"), std::string::npos);
}

TEST_F(BlockedWordsGuardrailTest, AllowsARequestWithoutBlockedTerms) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    const Decision decision = check(guardrail, chatSaying("what is the capital of France?"));
    EXPECT_EQ(decision.status, PORTICO_OK);
    EXPECT_EQ(decision.verdict, PORTICO_ALLOW);
    EXPECT_TRUE(decision.message.empty());
}

TEST_F(BlockedWordsGuardrailTest, IgnoresCaseByDefault) {
    void* guardrail = create(R"({"words":["Forbidden"]})");
    EXPECT_TRUE(blocks(guardrail, chatSaying("FORBIDDEN")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("this is forbidden.")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("ForBidDen fruit")));
}

TEST_F(BlockedWordsGuardrailTest, CaseSensitiveConfigBlocksOnlyTheExactSpelling) {
    void* guardrail = create(R"({"words":["Forbidden"],"case_sensitive":true})");
    EXPECT_TRUE(blocks(guardrail, chatSaying("Forbidden fruit")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("forbidden fruit")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("FORBIDDEN fruit")));
}

TEST_F(BlockedWordsGuardrailTest, MatchesWholeWordsOnly) {
    void* guardrail = create(R"({"words":["ass"]})");
    EXPECT_FALSE(blocks(guardrail, chatSaying("a class on assessment, passing grass")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("ass1 and 2ass")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("ass")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("you (ass)!")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("kick-ass")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("snake_ass_case")))
        << "underscore is not alphanumeric, so it is a boundary";
}

TEST_F(BlockedWordsGuardrailTest, TreatsNonAsciiLettersAsPartOfAWord) {
    void* guardrail = create(R"({"words":["ve"]})");
    EXPECT_FALSE(blocks(guardrail, chatSaying("na\u00efve")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("I ve seen it")));
}

TEST_F(BlockedWordsGuardrailTest, MatchesPhrasesAcrossAnyRunOfWhitespace) {
    void* guardrail = create(R"({"words":["  secret   plan "]})");
    EXPECT_TRUE(blocks(guardrail, chatSaying("the secret plan is")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("the SECRET  \\n\\t plan")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("the secret planet")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("the secretplan")));
    EXPECT_FALSE(blocks(guardrail, chatSaying("a secret and a plan")));
}

TEST_F(BlockedWordsGuardrailTest, MatchesAfterJsonUnescaping) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    EXPECT_TRUE(blocks(guardrail, chatSaying("\\u0066orbidden")));
    EXPECT_TRUE(blocks(guardrail, chatSaying("line one\\nforbidden")));
}

TEST_F(BlockedWordsGuardrailTest, ScansEveryTextPartOfContentArrays) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    EXPECT_TRUE(blocks(guardrail, chatWithContent(R"([{"type":"text","text":"look at this"},)"
                                                  R"({"type":"image_url","image_url":{"url":"https://x/y.png"}},)"
                                                  R"({"text":"it is forbidden","type":"text"}])")));
    EXPECT_FALSE(
        blocks(guardrail, chatWithContent(R"([{"type":"text","text":"look at this"},)"
                                          R"({"type":"image_url","image_url":{"url":"https://x/forbidden.png"}}])")));
}

TEST_F(BlockedWordsGuardrailTest, ScansLegacyPromptAndEmbeddingsOrResponsesInput) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    EXPECT_TRUE(blocks(guardrail, R"({"model":"m","prompt":"a forbidden prompt"})"));
    EXPECT_TRUE(blocks(guardrail, R"({"model":"m","prompt":["fine","forbidden"]})"));
    EXPECT_FALSE(blocks(guardrail, R"({"model":"m","prompt":[1,2,3]})"));
    EXPECT_TRUE(blocks(guardrail, R"({"model":"m","input":"embed forbidden text"})"));
    EXPECT_TRUE(blocks(guardrail, R"({"model":"m","input":["ok","also forbidden"]})"));
    EXPECT_TRUE(blocks(guardrail, R"({"model":"m","input":[{"role":"user","content":[)"
                                  R"({"type":"input_text","text":"forbidden"}]}]})"));
}

TEST_F(BlockedWordsGuardrailTest, IgnoresTermsOutsideWhatTheUserWrote) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    EXPECT_FALSE(blocks(guardrail, R"({"model":"forbidden","user":"forbidden","metadata":{"content":"forbidden"},)"
                                   R"("messages":[{"role":"user","name":"forbidden","content":"hello"}]})"));
}

TEST_F(BlockedWordsGuardrailTest, LeavesHooksItDidNotAskForAlone) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    const Decision decision =
        check(guardrail, R"({"choices":[{"message":{"content":"forbidden"}}]})", PORTICO_HOOK_POST_CALL);
    EXPECT_EQ(decision.status, PORTICO_OK);
    EXPECT_EQ(decision.verdict, PORTICO_ALLOW);
}

TEST_F(BlockedWordsGuardrailTest, RefusesInvalidJsonAsAGuardrailFailure) {
    void* guardrail = create(R"({"words":["forbidden"]})");
    for (const std::string& request :
         {std::string(R"({"messages":[{"role":"user","content":"hi"})"), std::string("not json"), std::string(""),
          std::string("[]"), std::string(R"({"model":"m","temperature":tru,"messages":[]})"),
          std::string(R"({"messages":[]} trailing)")}) {
        const Decision decision = check(guardrail, request);
        EXPECT_EQ(decision.status, PORTICO_ERR_INVALID) << request;
        EXPECT_FALSE(decision.message.empty());
    }
}

TEST_F(BlockedWordsGuardrailTest, RefusesConfigThatWouldBlockNothingOrIsMistyped) {
    const std::vector<std::string> configs = {"",
                                              "{}",
                                              R"({"words":[]})",
                                              R"({"words":"forbidden"})",
                                              R"({"words":["ok",7]})",
                                              R"({"words":["ok","   "]})",
                                              R"({"words":["ok"],"case_sensitive":"yes"})",
                                              R"({"words":["ok"],"case_sensitve":true})",
                                              R"({"words":["ok"])"};
    for (const std::string& config : configs) {
        ErrorBuffer error;
        EXPECT_EQ(tryCreate(config, error), PORTICO_ERR_INVALID) << config;
        EXPECT_EQ(error.message().rfind("blocked_words: ", 0), 0u) << error.message();
        EXPECT_EQ(error.message().find("ok"), std::string::npos) << "config errors never quote a term";
    }
}

TEST_F(BlockedWordsGuardrailTest, ConcurrentChecksOnOneInstanceAgree) {
    void* guardrail = create(R"({"words":["forbidden","secret plan"]})");
    const std::string blocked = chatSaying("my Secret  Plan");
    const std::string allowed = chatWithContent(R"([{"type":"text","text":"a perfectly ordinary question"}])");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                if (!blocks(guardrail, blocked)) ++wrong;
                if (blocks(guardrail, allowed)) ++wrong;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
