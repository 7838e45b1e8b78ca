/*
 * response_blocker.c: a post-call guardrail in plain C99 for the tests. It blocks every complete
 * response whose JSON contains the blocked text and allows everything else, requests included,
 * so a test can tell that a response passed the post-call hook (blocked_words is pre-call only).
 * The blocked text is FIXTURE_BLOCKED_TEXT unless the config says {"text": "..."} (plain
 * characters only: the fixture does not unescape JSON).
 */
#include <portico/plugin.h>

#include <stdlib.h>
#include <string.h>

#ifndef FIXTURE_BLOCKED_TEXT
#define FIXTURE_BLOCKED_TEXT "Hello from" /* the mock's and fake_upstream's replies both start so */
#endif

static int contains(portico_str haystack, const char* needle) {
  size_t n = strlen(needle);
  size_t i;
  if (n == 0 || haystack.len < n) return 0;
  for (i = 0; i + n <= haystack.len; ++i)
    if (memcmp(haystack.ptr + i, needle, n) == 0) return 1;
  return 0;
}

typedef struct blocker {
  char text[128];
} blocker;

/* The value of "text" in a flat config object, or the default. */
static void read_text(portico_str config_json, char* out, size_t capacity) {
  static const char key[] = "\"text\":\"";
  size_t n = sizeof key - 1;
  size_t i, j;
  strcpy(out, FIXTURE_BLOCKED_TEXT);
  for (i = 0; i + n <= config_json.len; ++i) {
    if (memcmp(config_json.ptr + i, key, n) != 0) continue;
    for (j = 0; i + n + j < config_json.len && config_json.ptr[i + n + j] != '"' && j + 1 < capacity; ++j)
      out[j] = config_json.ptr[i + n + j];
    out[j] = '\0';
    return;
  }
}

static portico_status blocker_create(const portico_host* host, portico_str config_json, void** out_instance,
                                     portico_error* err) {
  blocker* self = (blocker*)malloc(sizeof *self);
  (void)host;
  if (!self) {
    portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
    return PORTICO_ERR_INTERNAL;
  }
  read_text(config_json, self->text, sizeof self->text);
  *out_instance = self;
  return PORTICO_OK;
}

static void blocker_destroy(void* instance) { free(instance); }

static portico_status blocker_check(void* instance, uint32_t hook, const portico_call* call, portico_str payload_json,
                                    portico_verdict* verdict, portico_writer* rewrite_out, portico_error* err) {
  static const char reason[] = "the response quotes the fixture's blocked text";
  const blocker* self = (const blocker*)instance;
  (void)call;
  (void)rewrite_out;
  *verdict = PORTICO_ALLOW;
  if (hook == PORTICO_HOOK_POST_CALL && contains(payload_json, self->text)) {
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
