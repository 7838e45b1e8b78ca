/*
 * old_minor_provider.c: old_minor.so, a translating provider built "before invoke existed".
 *
 * Its vtable declares struct_size = offsetof(portico_provider_vtable, invoke): it ends after
 * stream_close, as a plugin compiled against an older 1.x header would. The invoke slot that
 * physically follows in this file is a tripwire: a host that copied more than struct_size bytes
 * would see a local provider and call it, and the call fails loudly. A correct host zero-fills the
 * missing slot, treats the plugin as a translating provider and uses build_request.
 *
 * Behaviour: an OpenAI pass-through without streaming. build_request sends POST
 * <api_base or https://api.openai.com/v1>/chat/completions with the canonical body unchanged and
 * Authorization: Bearer <api_key> when a key is set; parse_response returns 2xx bodies unchanged
 * (no usage) and maps other statuses to PORTICO_ERR_UPSTREAM "old_minor: upstream returned HTTP N".
 */
#include <portico/plugin.h>

#include <stdio.h>
#include <stdlib.h>

static const char kDefaultBase[] = "https://api.openai.com/v1";
static const char kPath[] = "/chat/completions";

/* Stateless: every instance is this one token. */
static const char old_instance_token = 0;

static portico_status old_create(const portico_host* host, portico_str config_json, void** out_instance,
                                 portico_error* err) {
  (void)host;
  (void)config_json;
  (void)err;
  *out_instance = (void*)&old_instance_token;
  return PORTICO_OK;
}

static void old_destroy(void* instance) { (void)instance; }

static portico_status old_build_request(void* instance, const portico_call* call, portico_str canonical_json,
                                        portico_upstream_request* out, portico_error* err) {
  portico_str base, url;
  portico_status status;
  char* buffer;
  (void)instance;
  base.ptr = call->api_base.len ? call->api_base.ptr : kDefaultBase;
  base.len = call->api_base.len ? call->api_base.len : sizeof kDefaultBase - 1;
  while (base.len && base.ptr[base.len - 1] == '/') base.len--;

  buffer = (char*)malloc(base.len + sizeof kPath);
  if (!buffer) return portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
  memcpy(buffer, base.ptr, base.len);
  memcpy(buffer + base.len, kPath, sizeof kPath - 1);
  url.ptr = buffer;
  url.len = base.len + sizeof kPath - 1;
  {
    portico_str method = PORTICO_STR("POST");
    portico_str content_type = PORTICO_STR("Content-Type");
    portico_str json = PORTICO_STR("application/json");
    status = out->set_method(out->ctx, method);
    if (status == PORTICO_OK) status = out->set_url(out->ctx, url);
    if (status == PORTICO_OK) status = out->add_header(out->ctx, content_type, json);
  }
  free(buffer); /* the host copied the URL */
  if (status == PORTICO_OK && call->api_key.len) {
    portico_str authorization = PORTICO_STR("Authorization");
    portico_str value;
    char* bearer = (char*)malloc(call->api_key.len + 7);
    if (!bearer) return portico_error_set(err, PORTICO_ERR_INTERNAL, 0, "out of memory", 13);
    memcpy(bearer, "Bearer ", 7);
    memcpy(bearer + 7, call->api_key.ptr, call->api_key.len);
    value.ptr = bearer;
    value.len = call->api_key.len + 7;
    status = out->add_header(out->ctx, authorization, value);
    free(bearer);
  }
  if (status == PORTICO_OK) status = out->body.write(out->body.ctx, canonical_json);
  return status;
}

static portico_status old_parse_response(void* instance, const portico_call* call, int32_t http_status,
                                         const portico_header* headers, size_t header_count, portico_str body,
                                         portico_writer* canonical_out, portico_usage* usage_out,
                                         portico_error* err) {
  char message[64];
  int n;
  (void)instance;
  (void)call;
  (void)headers;
  (void)header_count;
  (void)usage_out;
  if (http_status >= 200 && http_status < 300) return canonical_out->write(canonical_out->ctx, body);
  n = snprintf(message, sizeof message, "old_minor: upstream returned HTTP %d", (int)http_status);
  return portico_error_set(err, PORTICO_ERR_UPSTREAM, http_status, message, (size_t)n);
}

/* The tripwire: beyond struct_size, so a correct host never sees it. */
static portico_status old_invoke_tripwire(void* instance, const portico_call* call, portico_str canonical_json,
                                          portico_writer* response_out, portico_chunk_sink* chunks,
                                          portico_usage* usage_out, portico_error* err) {
  static const char message[] = "old_minor: the host read the invoke slot beyond the vtable's struct_size";
  (void)instance;
  (void)call;
  (void)canonical_json;
  (void)response_out;
  (void)chunks;
  (void)usage_out;
  return portico_error_set(err, PORTICO_ERR_INTERNAL, 500, message, sizeof message - 1);
}

static const portico_provider_vtable old_vtable = {
    offsetof(portico_provider_vtable, invoke), /* as built against a header without invoke */
    PORTICO_OP_CHAT,
    0,
    old_create,
    old_destroy,
    old_build_request,
    old_parse_response,
    NULL, /* stream_open: no streaming */
    NULL, /* stream_feed */
    NULL, /* stream_end */
    NULL, /* stream_close */
    old_invoke_tripwire,
#if PORTICO_ABI_MINOR >= 1
    0, /* native_formats: past struct_size as well */
#endif
};

static const portico_plugin_descriptor old_descriptor = {
    sizeof(portico_plugin_descriptor),
    PORTICO_ABI_MAJOR,
    0,
    PORTICO_KIND_PROVIDER,
    PORTICO_STR("old_minor"),
    PORTICO_STR("0.9.0"),
    0,
    PORTICO_STR("Loader-test fixture: a provider whose vtable predates the invoke slot"),
    &old_vtable,
};

PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host, const portico_plugin_descriptor** out) {
  (void)host;
  *out = &old_descriptor;
  return PORTICO_OK;
}
