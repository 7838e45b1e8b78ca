/*
 * minimal_provider.c: the smallest complete Portico provider, in plain C99.
 *
 * It answers every chat call locally (the `invoke` shape) with a fixed greeting, as one
 * chat.completion or, for stream calls, as chat.completion.chunk objects. Build it with nothing
 * but the SDK header:
 *
 *   cc -std=c99 -Wall -Wextra -pedantic -Werror -fvisibility=hidden -fPIC -shared \
 *      -I sdk/include minimal_provider.c -o minimal_provider.so
 */
#include <portico/plugin.h>

#include <stdio.h>
#include <stdlib.h>

#define GREETING "Hello from a minimal Portico provider."

/* ---- A small JSON writer: our documents fit in a fixed buffer --------------------------------- */

typedef struct json_buf {
  char data[2048];
  size_t len;
  int overflow; /* set when something did not fit; the call then fails cleanly */
} json_buf;

static void put(json_buf* b, const char* bytes, size_t n) {
  if (b->overflow || n > sizeof b->data - b->len) {
    b->overflow = 1;
    return;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
}

static void put_text(json_buf* b, const char* s) { put(b, s, strlen(s)); }

/* A quoted JSON string. Model names and request ids come from operators and clients: escape them. */
static void put_string(json_buf* b, portico_str s) {
  size_t i;
  put(b, "\"", 1);
  for (i = 0; i < s.len; ++i) {
    unsigned char c = (unsigned char)s.ptr[i];
    char escaped[8];
    if (c == '"' || c == '\\') {
      escaped[0] = '\\';
      escaped[1] = (char)c;
      put(b, escaped, 2);
    } else if (c < 0x20) {
      snprintf(escaped, sizeof escaped, "\\u%04x", (unsigned)c);
      put(b, escaped, 6);
    } else {
      put(b, (const char*)&s.ptr[i], 1);
    }
  }
  put(b, "\"", 1);
}

static void put_number(json_buf* b, uint64_t n) {
  char digits[24];
  put(b, digits, (size_t)snprintf(digits, sizeof digits, "%llu", (unsigned long long)n));
}

static portico_str contents(const json_buf* b) {
  portico_str s;
  s.ptr = b->data;
  s.len = b->len;
  return s;
}

/* ---- The provider ------------------------------------------------------------------------------ */

/* One instance per deployment. It keeps the host it was created with, for the clock. */
typedef struct minimal_instance {
  const portico_host* host;
} minimal_instance;

static portico_status minimal_create(const portico_host* host, portico_str config_json, void** out_instance,
                                     portico_error* err) {
  minimal_instance* self = (minimal_instance*)malloc(sizeof *self);
  (void)config_json; /* no settings */
  if (!self) return portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
  self->host = host;
  *out_instance = self;
  return PORTICO_OK;
}

static void minimal_destroy(void* instance) { free(instance); }

/* Starts every document: {"id":"...","object":"...","created":N,"model":"...", */
static void put_header(json_buf* b, const minimal_instance* self, const portico_call* call, const char* object) {
  put_text(b, "{\"id\":\"chatcmpl-minimal\",\"object\":\"");
  put_text(b, object);
  put_text(b, "\",\"created\":");
  put_number(b, self->host->api->now_unix_ns(self->host->handle) / 1000000000u);
  put_text(b, ",\"model\":");
  put_string(b, call->model);
  put_text(b, ",");
}

static portico_status send_chunk(portico_chunk_sink* sink, const minimal_instance* self, const portico_call* call,
                                 const char* choice, portico_error* err) {
  json_buf b = {{0}, 0, 0};
  put_header(&b, self, call, "chat.completion.chunk");
  put_text(&b, "\"choices\":[");
  put_text(&b, choice);
  put_text(&b, "]}");
  if (b.overflow) return portico_error_set(err, PORTICO_ERR_INVALID, 400, "model name too long", 19);
  return sink->emit(sink->ctx, contents(&b)); /* PORTICO_ERR_CLOSED: the client left, stop */
}

static portico_status minimal_invoke(void* instance, const portico_call* call, portico_str canonical_json,
                                     portico_writer* response_out, portico_chunk_sink* chunks, portico_usage* usage_out,
                                     portico_error* err) {
  const minimal_instance* self = (const minimal_instance*)instance;
  json_buf b = {{0}, 0, 0};
  portico_status status;
  (void)canonical_json; /* the host has validated it; we ignore what was asked */

  /* A real provider counts tokens; this one reports fixed numbers. */
  usage_out->prompt_tokens = 1;
  usage_out->completion_tokens = 8;
  usage_out->total_tokens = 9;

  if (call->flags & PORTICO_CALL_STREAM) {
    status = send_chunk(chunks, self, call,
                        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" GREETING "\"},"
                        "\"logprobs\":null,\"finish_reason\":null}",
                        err);
    if (status == PORTICO_OK)
      status = send_chunk(chunks, self, call, "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}",
                          err);
    if (status == PORTICO_OK) status = chunks->usage(chunks->ctx, usage_out);
    return status;
  }

  put_header(&b, self, call, "chat.completion");
  put_text(&b, "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" GREETING "\"},"
               "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
               "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":8,\"total_tokens\":9}}");
  if (b.overflow) return portico_error_set(err, PORTICO_ERR_INVALID, 400, "model name too long", 19);
  return response_out->write(response_out->ctx, contents(&b));
}

/* ---- What the host sees: a static vtable, a static descriptor, one exported function ----------- */

/* Designated initializers keep this source building when a later 1.x header appends slots. A local
 * provider has no upstream, so build_request, parse_response and the stream_* slots stay NULL. */
static const portico_provider_vtable minimal_vtable = {
    .struct_size = sizeof(portico_provider_vtable),
    .operations = PORTICO_OP_CHAT,
    .create = minimal_create,
    .destroy = minimal_destroy,
    .invoke = minimal_invoke,
};

static const portico_plugin_descriptor minimal_descriptor = {
    sizeof(portico_plugin_descriptor),
    PORTICO_ABI_MAJOR,
    PORTICO_ABI_MINOR,
    PORTICO_KIND_PROVIDER,
    PORTICO_STR("minimal"), /* models use it as "minimal/<anything>" */
    PORTICO_STR("1.0.0"),
    0, /* flags */
    PORTICO_STR("Answers every chat call with a fixed greeting"),
    &minimal_vtable,
};

PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host, const portico_plugin_descriptor** out) {
  (void)host;
  *out = &minimal_descriptor;
  return PORTICO_OK;
}
