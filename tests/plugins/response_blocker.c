/*
 * response_blocker.c: a post-call guardrail in plain C99 for the tests. It blocks every complete
 * response whose JSON contains FIXTURE_BLOCKED_TEXT and allows everything else, requests included,
 * so a test can tell that a response passed the post-call hook (blocked_words is pre-call only).
 */
#include <portico/plugin.h>

#include <string.h>

#ifndef FIXTURE_BLOCKED_TEXT
#define FIXTURE_BLOCKED_TEXT "Hello from" /* the mock's and fake_openai's replies both start so */
#endif

static int contains(portico_str haystack, const char* needle) {
  size_t n = strlen(needle);
  size_t i;
  if (n == 0 || haystack.len < n) return 0;
  for (i = 0; i + n <= haystack.len; ++i)
    if (memcmp(haystack.ptr + i, needle, n) == 0) return 1;
  return 0;
}

static portico_status blocker_create(const portico_host* host, portico_str config_json, void** out_instance,
                                     portico_error* err) {
  static int instance;
  (void)host;
  (void)config_json;
  (void)err;
  *out_instance = &instance;
  return PORTICO_OK;
}

static void blocker_destroy(void* instance) { (void)instance; }

static portico_status blocker_check(void* instance, uint32_t hook, const portico_call* call, portico_str payload_json,
                                    portico_verdict* verdict, portico_writer* rewrite_out, portico_error* err) {
  static const char reason[] = "the response quotes the fixture's blocked text";
  (void)instance;
  (void)call;
  (void)rewrite_out;
  *verdict = PORTICO_ALLOW;
  if (hook == PORTICO_HOOK_POST_CALL && contains(payload_json, FIXTURE_BLOCKED_TEXT)) {
    *verdict = PORTICO_BLOCK;
    portico_error_set(err, PORTICO_OK, 0, reason, sizeof reason - 1);
  }
  return PORTICO_OK;
}

static const portico_guardrail_vtable blocker_vtable = {
    sizeof(portico_guardrail_vtable), PORTICO_HOOK_POST_CALL, blocker_create, blocker_destroy, blocker_check};

static const portico_plugin_descriptor blocker_descriptor = {
    sizeof(portico_plugin_descriptor),
    PORTICO_ABI_MAJOR,
    PORTICO_ABI_MINOR,
    PORTICO_KIND_GUARDRAIL,
    {"response_blocker", sizeof "response_blocker" - 1},
    {"1.0.0", sizeof "1.0.0" - 1},
    0,
    {"Blocks responses that contain a fixed text (post-call test fixture)",
     sizeof "Blocks responses that contain a fixed text (post-call test fixture)" - 1},
    &blocker_vtable};

PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host, const portico_plugin_descriptor** out) {
  (void)host;
  *out = &blocker_descriptor;
  return PORTICO_OK;
}
