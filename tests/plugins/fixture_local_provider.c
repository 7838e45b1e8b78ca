/*
 * fixture_local_provider.c: a local (invoke) provider in plain C99, and the loader-test variants
 * built from it with -D switches (see CMakeLists.txt beside this file):
 *
 *   (none)                         c_echo.so: valid; proves a C-compiled plugin loads and serves
 *   FIXTURE_ABI_MAJOR=...          wrong_major.so: targets a future ABI major
 *   FIXTURE_DESCRIPTOR_SIZE=...    undersized.so: descriptor smaller than the frozen prefix
 *   FIXTURE_WITHOUT_CREATE         missing_create.so: required create slot is NULL
 *   FIXTURE_NAME / FIXTURE_VERSION duplicate_a.so, duplicate_b.so: two valid providers named "dup"
 *
 * What c_echo answers (deterministic, so tests can compare exact text):
 *   content = "echo: <model> received <N> bytes", where <model> is portico_call.model and <N> is
 *   the length of the canonical request body the host passed to invoke.
 *   id = "chatcmpl-c_echo-<request_id>", created = host clock in unix seconds.
 *   usage: prompt_tokens = ceil(N / 4), completion_tokens = ceil(content bytes / 4), both >= 1.
 *   Streaming sends exactly two chunks, "echo: " (with the assistant role) and the rest (with
 *   finish_reason "stop"), then reports usage through the sink.
 */
#include <portico/plugin.h>

#include <stdio.h>
#include <stdlib.h>

#ifndef FIXTURE_NAME
#define FIXTURE_NAME "c_echo"
#endif
#ifndef FIXTURE_VERSION
#define FIXTURE_VERSION "1.0.0"
#endif
#ifndef FIXTURE_ABI_MAJOR
#define FIXTURE_ABI_MAJOR PORTICO_ABI_MAJOR
#endif
#ifndef FIXTURE_DESCRIPTOR_SIZE
#define FIXTURE_DESCRIPTOR_SIZE sizeof(portico_plugin_descriptor)
#endif

/* ---- A growable byte buffer: the only allocation, freed before each slot returns ------------ */

typedef struct text {
  char* ptr;
  size_t len;
  size_t cap;
  int failed; /* an allocation failed; the slot reports PORTICO_ERR_INTERNAL */
} text;

static void text_append(text* t, const char* bytes, size_t n) {
  if (t->failed) return;
  if (t->len + n > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 256;
    char* grown;
    while (cap < t->len + n) cap *= 2;
    grown = (char*)realloc(t->ptr, cap);
    if (!grown) {
      t->failed = 1;
      return;
    }
    t->ptr = grown;
    t->cap = cap;
  }
  if (n) memcpy(t->ptr + t->len, bytes, n);
  t->len += n;
}

static void text_append_cstr(text* t, const char* s) { text_append(t, s, strlen(s)); }

static void text_append_u64(text* t, uint64_t value) {
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)value);
  text_append(t, digits, (size_t)n);
}

/* The contents of a JSON string (no quotes): request ids and model names come from clients and
   operators, so quotes, backslashes and control characters are escaped. */
static void text_append_escaped(text* t, portico_str s) {
  size_t i;
  for (i = 0; i < s.len; ++i) {
    unsigned char c = (unsigned char)s.ptr[i];
    if (c == '"' || c == '\\') {
      char pair[2];
      pair[0] = '\\';
      pair[1] = (char)c;
      text_append(t, pair, 2);
    } else if (c < 0x20) {
      char escape[8];
      snprintf(escape, sizeof escape, "\\u%04x", (unsigned)c);
      text_append(t, escape, 6);
    } else {
      text_append(t, (const char*)&s.ptr[i], 1);
    }
  }
}

static portico_str text_view(const text* t) {
  portico_str s;
  s.ptr = t->ptr;
  s.len = t->len;
  return s;
}

/* ---- The provider ---------------------------------------------------------------------------- */

typedef struct echo_instance {
  const portico_host* host; /* valid until destroy */
} echo_instance;

static uint64_t tokens_for(size_t bytes) { return bytes ? (uint64_t)((bytes + 3) / 4) : 1; }

#ifndef FIXTURE_WITHOUT_CREATE
static portico_status echo_create(const portico_host* host, portico_str config_json, void** out_instance,
                                  portico_error* err) {
  echo_instance* instance;
  (void)config_json;
  instance = (echo_instance*)malloc(sizeof *instance);
  if (!instance) return portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
  instance->host = host;
  *out_instance = instance;
  return PORTICO_OK;
}
#endif

static void echo_destroy(void* instance) { free(instance); }

/* `{"id":"chatcmpl-c_echo-<rid>","object":"<object>","created":<t>,"model":"<model>",` */
static void append_header(text* t, const echo_instance* self, const portico_call* call, const char* object) {
  uint64_t now = 0;
  if (self->host && self->host->api && self->host->api->now_unix_ns)
    now = self->host->api->now_unix_ns(self->host->handle) / 1000000000u;
  text_append_cstr(t, "{\"id\":\"chatcmpl-c_echo-");
  text_append_escaped(t, call->request_id);
  text_append_cstr(t, "\",\"object\":\"");
  text_append_cstr(t, object);
  text_append_cstr(t, "\",\"created\":");
  text_append_u64(t, now);
  text_append_cstr(t, ",\"model\":\"");
  text_append_escaped(t, call->model);
  text_append_cstr(t, "\",");
}

/* One stream chunk with a content delta; role and finish_reason only where the protocol wants them. */
static portico_status emit_chunk(portico_chunk_sink* sink, const echo_instance* self, const portico_call* call,
                                 const text* content, int first, portico_error* err) {
  text chunk = {0, 0, 0, 0};
  portico_status status;
  append_header(&chunk, self, call, "chat.completion.chunk");
  text_append_cstr(&chunk, first ? "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\""
                                 : "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
  text_append_escaped(&chunk, text_view(content));
  text_append_cstr(&chunk, first ? "\"},\"logprobs\":null,\"finish_reason\":null}]}"
                                 : "\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}");
  status = chunk.failed ? portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13)
                        : sink->emit(sink->ctx, text_view(&chunk));
  free(chunk.ptr);
  return status;
}

static portico_status echo_invoke(void* instance, const portico_call* call, portico_str canonical_json,
                                  portico_writer* response_out, portico_chunk_sink* chunks, portico_usage* usage_out,
                                  portico_error* err) {
  const echo_instance* self = (const echo_instance*)instance;
  text prefix = {0, 0, 0, 0}, rest = {0, 0, 0, 0}, body = {0, 0, 0, 0};
  portico_usage usage;
  portico_status status = PORTICO_OK;

  text_append_cstr(&prefix, "echo: ");
  text_append(&rest, call->model.ptr, call->model.len);
  text_append_cstr(&rest, " received ");
  text_append_u64(&rest, canonical_json.len);
  text_append_cstr(&rest, " bytes");

  memset(&usage, 0, sizeof usage);
  usage.struct_size = sizeof usage;
  usage.prompt_tokens = tokens_for(canonical_json.len);
  usage.completion_tokens = tokens_for(prefix.len + rest.len);
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (usage_out) {
    usage_out->prompt_tokens = usage.prompt_tokens;
    usage_out->completion_tokens = usage.completion_tokens;
    usage_out->total_tokens = usage.total_tokens;
  }

  if (prefix.failed || rest.failed) {
    status = portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
  } else if ((call->flags & PORTICO_CALL_STREAM) && chunks) {
    status = emit_chunk(chunks, self, call, &prefix, 1, err);
    if (status == PORTICO_OK) status = emit_chunk(chunks, self, call, &rest, 0, err);
    if (status == PORTICO_OK) status = chunks->usage(chunks->ctx, &usage);
  } else if (response_out) {
    append_header(&body, self, call, "chat.completion");
    text_append_cstr(&body, "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
    text_append_escaped(&body, text_view(&prefix));
    text_append_escaped(&body, text_view(&rest));
    text_append_cstr(&body, "\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":");
    text_append_u64(&body, usage.prompt_tokens);
    text_append_cstr(&body, ",\"completion_tokens\":");
    text_append_u64(&body, usage.completion_tokens);
    text_append_cstr(&body, ",\"total_tokens\":");
    text_append_u64(&body, usage.total_tokens);
    text_append_cstr(&body, "}}");
    status = body.failed ? portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13)
                         : response_out->write(response_out->ctx, text_view(&body));
  } else {
    status = portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "no output sink", 14);
  }
  free(prefix.ptr);
  free(rest.ptr);
  free(body.ptr);
  return status;
}

/* ---- Descriptor and entry point ---------------------------------------------------------------- */

/* Designated initializers: the same source builds against every 1.x header (tests/plugins/abi_1_0
 * holds the frozen 1.0 copy); slots it does not name are NULL/0. */
static const portico_provider_vtable echo_vtable = {
    .struct_size = sizeof(portico_provider_vtable),
    .operations = PORTICO_OP_CHAT,
#ifndef FIXTURE_WITHOUT_CREATE
    .create = echo_create,
#endif
    .destroy = echo_destroy,
    .invoke = echo_invoke,
};

static const portico_plugin_descriptor echo_descriptor = {
    FIXTURE_DESCRIPTOR_SIZE,
    FIXTURE_ABI_MAJOR,
    PORTICO_ABI_MINOR,
    PORTICO_KIND_PROVIDER,
    PORTICO_STR(FIXTURE_NAME),
    PORTICO_STR(FIXTURE_VERSION),
    0,
    PORTICO_STR("Loader-test fixture: a local chat provider written in C"),
    &echo_vtable,
};

/* A plugin built for another major names itself anyway and says PORTICO_ERR_ABI, as the header
   asks; the host must still refuse it by the descriptor's abi_major. */
PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host, const portico_plugin_descriptor** out) {
  *out = &echo_descriptor;
  return (host && host->abi_major != FIXTURE_ABI_MAJOR) ? PORTICO_ERR_ABI : PORTICO_OK;
}
