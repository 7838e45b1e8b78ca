/*
 * portico/plugin.h — the Portico plugin ABI, version 1.1.
 *
 * This header is the whole contract between the Portico gateway (the "host") and a plugin.
 * It is plain C99 with standard headers only; a plugin written in C, C++, Rust, Zig or Go
 * needs nothing else. See docs/writing-a-plugin.md for a walkthrough.
 *
 * THREE KINDS OF THING LIVE HERE
 *   Types       value types and growable structs that cross the boundary (portico_*).
 *   Vtables     functions a plugin implements: portico_provider_vtable, portico_observer_vtable,
 *               portico_guardrail_vtable. A plugin is exactly one kind.
 *   Host API    services the host implements for plugins (portico_host_api): logging, clock,
 *               config lookup, a pooled HTTP(S) client for side requests.
 *
 * BINDING
 *   A plugin exports exactly one symbol, portico_plugin_init (PORTICO_PLUGIN_INIT_SYMBOL).
 *   The host loads it with dlopen(RTLD_NOW | RTLD_LOCAL), calls it once on the control thread, and
 *   reaches everything else through the returned descriptor and vtable.
 *
 * COMPATIBILITY POLICY
 *   Released fields never move or change meaning. New fields and slots are appended to the end
 *   of a struct and bump PORTICO_ABI_MINOR. A breaking change bumps PORTICO_ABI_MAJOR, and a host
 *   refuses plugins of any other major, naming both versions.
 *   Every growable struct starts with `size_t struct_size` (set it to sizeof of your copy of the
 *   struct) and crosses the boundary only by pointer. The host copies min(struct_size, its own
 *   size) bytes into a zeroed struct, so slots an older plugin does not know read as NULL/0 (the
 *   feature is off) and slots a newer plugin adds are ignored. Before touching a host struct field
 *   added after 1.0, check it with PORTICO_HAS(type, ptr, field).
 *   Frozen value types (portico_str, portico_header, portico_writer) never change at all.
 *
 * OWNERSHIP
 *   - portico_str arguments are borrowed: valid until the function returns, never longer, unless
 *     a declaration says otherwise. Copy anything you keep.
 *   - Output always goes through a sink owned by the receiver (portico_writer,
 *     portico_upstream_request, portico_chunk_sink). The sink copies the bytes before its
 *     function returns, so the caller may reuse its buffer at once. No allocator crosses the
 *     boundary; nothing a plugin returns is freed by the host, and vice versa.
 *   - Objects a plugin creates (instances, streams) belong to the plugin and are released only
 *     through the matching destroy / stream_close.
 *   - portico_host and its api table belong to the host. The one passed to portico_plugin_init
 *     stays valid until the plugin is unloaded; the one passed to create() is specific to that
 *     instance (its handle reaches the instance's config) and stays valid until destroy().
 *     Calls, events and errors belong to the host and last only for the call.
 *   - The descriptor, the vtable and the strings in the descriptor are static in the plugin.
 *
 * ERRORS
 *   Every fallible function returns a portico_status (PORTICO_OK is 0) and writes details into a
 *   host-owned portico_error with portico_error_set(). Hosts treat unknown codes as
 *   PORTICO_ERR_INTERNAL. No C++ exception, Rust panic or longjmp may cross the boundary.
 *   Error messages are logged and may reach clients: never put secrets in them.
 *
 * THREADING
 *   | call                                             | threading                                  |
 *   |--------------------------------------------------|--------------------------------------------|
 *   | portico_plugin_init                              | once, control thread, before anything else |
 *   | create                                           | control thread (start, every reload)       |
 *   | destroy                                          | once, after every call on the instance has |
 *   |                                                  | returned; may be a request thread (the one |
 *   |                                                  | that finished the last call after a reload)|
 *   | provider build_request, parse_response,          | CONCURRENT from many request threads on    |
 *   |   stream_open, invoke; guardrail check           | one instance: keep the instance immutable  |
 *   |                                                  | after create, or lock inside               |
 *   | stream_feed / stream_end / stream_close          | serialized per stream (maybe different     |
 *   |                                                  | threads over its life)                     |
 *   | observer on_events / flush                       | serialized, on that observer's own thread  |
 *   | every portico_host_api slot                      | callable from any thread                   |
 *   The control thread is one host thread that performs every plugin scan and reload, one at a
 *   time (`portico plugins inspect` uses its main thread); it is not a request thread.
 */
#ifndef PORTICO_PLUGIN_H
#define PORTICO_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** PORTICO_ABI_MAJOR: bumped only for a breaking change; hosts refuse plugins of other majors. */
#define PORTICO_ABI_MAJOR 1
/** PORTICO_ABI_MINOR: bumped for every appended field or slot; any minor of a major loads. */
#define PORTICO_ABI_MINOR 1

#if defined(_WIN32)
#define PORTICO_EXPORT __declspec(dllexport)
#else
#define PORTICO_EXPORT __attribute__((visibility("default")))
#endif

/* ============================================================================================
 * Basic types
 * ========================================================================================== */

/** portico_str: a borrowed UTF-8 byte range, NOT NUL-terminated. FROZEN. */
typedef struct portico_str {
  const char* ptr;
  size_t len;
} portico_str;

/** PORTICO_STR: a portico_str initializer for a string literal. */
#define PORTICO_STR(lit) { (lit), sizeof(lit) - 1 }

/** PORTICO_HAS: true if the struct at p (of type T) is large enough to hold field f. */
#define PORTICO_HAS(T, p, f) ((p)->struct_size >= offsetof(T, f) + sizeof(((T*)0)->f))

/** portico_status: 0 on success, otherwise one of PORTICO_ERR_*. int32_t keeps the set open. */
typedef int32_t portico_status;
#define PORTICO_OK 0
#define PORTICO_ERR_INVALID 1     /**< request is malformed for this plugin (client error, 400)  */
#define PORTICO_ERR_UNSUPPORTED 2 /**< operation or parameter not supported (400)                 */
#define PORTICO_ERR_UPSTREAM 3    /**< upstream answered with an error; set http_status to its status */
#define PORTICO_ERR_RETRY 4       /**< transient; the host may retry or back off                  */
#define PORTICO_ERR_ABI 5         /**< the plugin cannot work with this host's ABI                 */
#define PORTICO_ERR_INTERNAL 6    /**< plugin bug; the host answers 500 and logs the message      */
#define PORTICO_ERR_CLOSED 7      /**< a sink's consumer has gone (client disconnected): stop     */

/**
 * portico_error: where a failing call explains itself. OWNERSHIP: host; the plugin writes at most
 * message_cap bytes into message and sets message_len. Use portico_error_set().
 */
typedef struct portico_error {
  size_t struct_size;
  int32_t http_status; /**< suggested status for the client response; 0 lets the host decide */
  char* message;       /**< host buffer, not NUL-terminated */
  size_t message_cap;
  size_t message_len;
  /* ---- SINCE 1.1: check PORTICO_HAS(portico_error, err, field) before writing ---- */
  int32_t error_class;     /**< PORTICO_ERROR_CLASS_*; 0 lets the host infer it from http_status */
  uint32_t retry_after_ms; /**< the upstream's Retry-After, 0 = none; passed on to the client */
} portico_error;

/** Error classes (portico_error.error_class, SINCE 1.1): what the client protocol's error type
 *  and code are rendered from, beyond the HTTP status. */
#define PORTICO_ERROR_CLASS_UNSPECIFIED 0
#define PORTICO_ERROR_CLASS_INVALID_REQUEST 1 /**< 400 invalid_request_error */
#define PORTICO_ERROR_CLASS_AUTHENTICATION 2  /**< 401 */
#define PORTICO_ERROR_CLASS_PERMISSION 3      /**< 403 */
#define PORTICO_ERROR_CLASS_NOT_FOUND 4       /**< 404 (unknown model or deployment) */
#define PORTICO_ERROR_CLASS_CONTEXT_WINDOW 5  /**< 400 context_length_exceeded */
#define PORTICO_ERROR_CLASS_RATE_LIMITED 6    /**< 429, see retry_after_ms */
#define PORTICO_ERROR_CLASS_CONTENT_POLICY 7  /**< 400 content_policy_violation */
#define PORTICO_ERROR_CLASS_OVERLOADED 8      /**< 529/503: the upstream is overloaded */
#define PORTICO_ERROR_CLASS_SERVER 9          /**< other 5xx */

/** portico_error_classify (SINCE 1.1): set the class and Retry-After where the host has room. */
static inline void portico_error_classify(portico_error* err, int32_t error_class, uint32_t retry_after_ms) {
  if (!err) return;
  if (PORTICO_HAS(portico_error, err, error_class)) err->error_class = error_class;
  if (PORTICO_HAS(portico_error, err, retry_after_ms)) err->retry_after_ms = retry_after_ms;
}

/** portico_error_set: fill err (truncating the message) and return status, for one-line returns. */
static inline portico_status portico_error_set(portico_error* err, portico_status status,
                                               int32_t http_status, const char* message,
                                               size_t message_len) {
  if (err) {
    size_t n = message_len < err->message_cap ? message_len : err->message_cap;
    err->http_status = http_status;
    if (n && err->message) memcpy(err->message, message, n);
    err->message_len = n;
  }
  return status;
}

/**
 * portico_writer: a byte sink. FROZEN (passed by value, no struct_size). write() copies the bytes
 * before it returns and may be called many times; the bytes are appended.
 * @return PORTICO_OK, or PORTICO_ERR_CLOSED when the consumer has gone (stop producing).
 */
typedef struct portico_writer {
  void* ctx;
  portico_status (*write)(void* ctx, portico_str bytes);
} portico_writer;

/** portico_header: one HTTP header. FROZEN. */
typedef struct portico_header {
  portico_str name;
  portico_str value;
} portico_header;

/** portico_usage: token counts. Growable: crosses only by pointer. 0 means "not reported". */
typedef struct portico_usage {
  size_t struct_size;
  uint64_t prompt_tokens;
  uint64_t completion_tokens;
  uint64_t total_tokens;
  uint64_t cached_tokens;
  uint64_t reasoning_tokens;
  /* ---- SINCE 1.1 ---- */
  uint64_t cache_creation_tokens; /**< prompt tokens written to a provider-side cache */
} portico_usage;


/* ============================================================================================
 * Host side: per-plugin handle and services table
 * ========================================================================================== */

/** Log levels for portico_host_api.log. */
#define PORTICO_LOG_DEBUG 0
#define PORTICO_LOG_INFO 1
#define PORTICO_LOG_WARN 2
#define PORTICO_LOG_ERROR 3

/** portico_http_request: a side request made through portico_host_api.http_request. */
typedef struct portico_http_request {
  size_t struct_size;
  portico_str method; /**< "GET", "POST", ... */
  portico_str url;    /**< absolute http:// or https:// URL */
  const portico_header* headers;
  size_t header_count;
  portico_str body;
  uint32_t timeout_ms; /**< 0 = host default */
} portico_http_request;

typedef struct portico_host_api portico_host_api;

/**
 * portico_host: what the host hands a plugin at init. OWNERSHIP: host; valid until unload.
 * Pass `handle` as the first argument of every portico_host_api call.
 */
typedef struct portico_host {
  size_t struct_size;
  uint16_t abi_major; /**< ABI the host implements */
  uint16_t abi_minor;
  portico_str host_version; /**< informational, e.g. "portico 0.1.0" */
  void* handle;             /**< specific to this plugin */
  const portico_host_api* api;
} portico_host;

/** portico_host_api: services the host implements. THREADING: every slot, any thread. */
struct portico_host_api {
  size_t struct_size;
  /** log: write one line to the gateway log, attributed to this plugin. */
  void (*log)(void* handle, int32_t level, portico_str message);
  /** log_enabled: nonzero if a message at this level would be written (skip costly formatting). */
  int32_t (*log_enabled)(void* handle, int32_t level);
  /** now_unix_ns: wall-clock time. */
  uint64_t (*now_unix_ns)(void* handle);
  /** monotonic_ns: a monotonic clock for measuring durations. */
  uint64_t (*monotonic_ns)(void* handle);
  /**
   * config_get: the value at a dotted key ("a.b.c") in the config object the instance was
   * created with, written to out as JSON (strings quoted); env references already resolved.
   * Use the handle of the portico_host passed to create(); the init handle has no config.
   * @return PORTICO_OK, or PORTICO_ERR_INVALID if the key is absent.
   */
  portico_status (*config_get)(void* handle, portico_str key, portico_writer* out);
  /**
   * http_request: a side request through the host's pooled HTTP(S) client (TLS verified).
   * Blocks up to timeout_ms. Call it from create(), observer threads, or provider invoke();
   * never from stream_feed.
   * @param out_status receives the HTTP status. @param out_body receives the response body.
   * @return PORTICO_OK when any HTTP response arrived (check *out_status), PORTICO_ERR_UPSTREAM
   *         on connect/TLS/timeout failure with err filled.
   */
  portico_status (*http_request)(void* handle, const portico_http_request* req,
                                 int32_t* out_status, portico_writer* out_body,
                                 portico_error* err);
  /* SINCE 1.1: appended slots go here. Check with PORTICO_HAS(portico_host_api, api, slot). */
};

/* ============================================================================================
 * Per-call context (providers and guardrails)
 * ========================================================================================== */

/** Operations (portico_call.operation and the provider capability mask). */
#define PORTICO_OP_CHAT 0x1u        /**< /v1/chat/completions */
#define PORTICO_OP_COMPLETIONS 0x2u /**< /v1/completions (legacy) */
#define PORTICO_OP_EMBEDDINGS 0x4u  /**< /v1/embeddings */
#define PORTICO_OP_RESPONSES 0x8u   /**< /v1/responses */
#define PORTICO_OP_COUNT_TOKENS 0x10u /**< SINCE 1.1: /v1/messages/count_tokens (Anthropic format) */

/**
 * What each operation carries (canonical format, portico_call.body_format == 0):
 *   PORTICO_OP_CHAT         in: an OpenAI chat-completions request body.
 *                           out: a `chat.completion` object; streams emit `chat.completion.chunk`s.
 *   PORTICO_OP_COMPLETIONS  in: an OpenAI legacy completions body ("prompt").
 *                           out: a `text_completion` object; streams emit `text_completion` chunks.
 *                           A provider without this bit gets the call as PORTICO_OP_CHAT (the host
 *                           turns the prompt into one user message and the answer back).
 *   PORTICO_OP_EMBEDDINGS   in: an OpenAI embeddings body ("input": string or array of strings).
 *                           out: an OpenAI `list` of `embedding` objects with float arrays; the host
 *                           base64-encodes them when the client asked for encoding_format base64.
 *                           Never streamed.
 *   PORTICO_OP_RESPONSES    in/out: the OpenAI Responses API body, object and events. Only for
 *                           providers that declare it (OpenAI itself); for any other provider the
 *                           host translates the call to PORTICO_OP_CHAT.
 *   PORTICO_OP_COUNT_TOKENS in: an Anthropic count_tokens body, out: {"input_tokens": N}. Always in
 *                           PORTICO_FORMAT_ANTHROPIC; the host estimates for providers without it.
 * The host routes an operation only to providers whose `operations` mask has its bit.
 */

/** Body formats (portico_call.body_format, SINCE 1.1). 0 is the canonical OpenAI shape above.
 *  A provider that lists a format in `native_formats` may be handed the client's body in that
 *  format unchanged (only "model" edited) and then answers in the same format: parse_response
 *  writes a native response, streams emit native events with emit_event. */
#define PORTICO_FORMAT_CANONICAL 0u
#define PORTICO_FORMAT_ANTHROPIC 1u /**< Anthropic Messages: request, message, SSE events, errors */
#define PORTICO_FORMAT_GEMINI 2u    /**< Gemini generateContent: request, response, SSE chunks   */
#define PORTICO_FORMAT_MASK(format) (1u << (format))

/** Call flags. */
#define PORTICO_CALL_STREAM 0x1u /**< the client asked for a stream */

/**
 * portico_call: one client request as one deployment sees it. OWNERSHIP: host; valid for the
 * duration of the call that receives it (and, for streams, until stream_close).
 */
typedef struct portico_call {
  size_t struct_size;
  portico_str request_id; /**< the x-request-id the client sees */
  portico_str model;      /**< upstream model, e.g. "gpt-4o-mini" for "openai/gpt-4o-mini" */
  portico_str api_base;   /**< deployment api_base, may be empty (provider default) */
  portico_str api_key;    /**< deployment secret, may be empty. NEVER log it */
  uint32_t operation;     /**< one PORTICO_OP_* */
  uint32_t flags;         /**< PORTICO_CALL_* */
  uint32_t timeout_ms;    /**< deployment timeout */
  /* ---- SINCE 1.1: check PORTICO_HAS(portico_call, call, field) before reading ---- */
  uint32_t body_format;       /**< PORTICO_FORMAT_* of canonical_json and of what to answer */
  uint32_t attempt;           /**< 0 for the first try of this request, 1.. for retries */
  portico_str public_model;   /**< the model name the client sent */
  portico_str deployment_id;  /**< the deployment serving this call, stable across reloads */
  /** client headers a provider may forward (anthropic-version, anthropic-beta), lower-case names */
  const portico_header* client_headers;
  size_t client_header_count;
} portico_call;

/* ============================================================================================
 * Provider plugins: translate canonical (OpenAI chat) requests to one upstream API and back
 * ========================================================================================== */

/**
 * portico_upstream_request: the builder a provider fills in build_request. OWNERSHIP: host; each
 * function copies what it is given. Call set_method and set_url once, add_header per header, and
 * body.write one or more times (appended).
 */
typedef struct portico_upstream_request {
  size_t struct_size;
  void* ctx;
  portico_status (*set_method)(void* ctx, portico_str method);
  portico_status (*set_url)(void* ctx, portico_str url);
  portico_status (*add_header)(void* ctx, portico_str name, portico_str value);
  portico_writer body;
} portico_upstream_request;

/**
 * portico_chunk_sink: where a stream's canonical output goes. OWNERSHIP: host.
 * emit: one OpenAI `chat.completion.chunk` JSON object, without SSE framing; the host frames it
 *       for the client's protocol and flushes. Returns PORTICO_ERR_CLOSED if the client is gone.
 * usage: token counts, when the upstream reports them (may be called more than once; last wins).
 */
typedef struct portico_chunk_sink {
  size_t struct_size;
  void* ctx;
  portico_status (*emit)(void* ctx, portico_str chunk_json);
  portico_status (*usage)(void* ctx, const portico_usage* usage);
  /* ---- SINCE 1.1 ---- */
  /** emit_event: one typed SSE event (`event: NAME`, `data: JSON`) of a native-format stream
   *  (portico_call.body_format != 0). Canonical streams keep using emit. */
  portico_status (*emit_event)(void* ctx, portico_str event_name, portico_str data_json);
} portico_chunk_sink;

/** Provider flags. */
#define PORTICO_PROVIDER_SSE_EVENTS 0x1u /**< host splits upstream SSE and feeds one event's data
                                              per stream_feed call instead of raw bytes */

/**
 * portico_provider_vtable: what a provider implements.
 *
 * Two shapes are allowed. A translating provider sets build_request and parse_response (and the
 * stream_* slots to support streaming): the host owns sockets, pooling, TLS, timeouts and retries.
 * A local provider (mock, in-process models) sets invoke instead and answers without an upstream.
 * create and destroy are required in both.
 *
 * The canonical request is the OpenAI body of the call's operation (see PORTICO_OP_*) whose
 * "model" the host has already set to portico_call.model, so an OpenAI-compatible provider can
 * forward it unchanged.
 */
typedef struct portico_provider_vtable {
  size_t struct_size;
  uint32_t operations; /**< capability mask of PORTICO_OP_* */
  uint32_t flags;      /**< PORTICO_PROVIDER_* */

  /**
   * create: make an instance for one deployment.
   * @param config_json the deployment's parameters (LiteLLM `litellm_params` minus api_key) as a
   *        JSON object. Borrowed.
   * @param out_instance receives the instance (must be non-NULL on success); passed back to
   *        every other slot.
   * @return PORTICO_OK, or an error that refuses the deployment (logged with err's message).
   * THREADING: control thread. SINCE 1.0.
   */
  portico_status (*create)(const portico_host* host, portico_str config_json, void** out_instance,
                           portico_error* err);
  /** destroy: release an instance. Called once, after every in-flight call on it returned. */
  void (*destroy)(void* instance);

  /**
   * build_request: translate a canonical request into the upstream method, URL, headers, body.
   * THREADING: concurrent. SINCE 1.0.
   */
  portico_status (*build_request)(void* instance, const portico_call* call,
                                  portico_str canonical_json, portico_upstream_request* out,
                                  portico_error* err);
  /**
   * parse_response: translate a complete upstream response (any status) into the operation's
   * canonical answer (see PORTICO_OP_*; a chat.completion for PORTICO_OP_CHAT), or the native
   * answer when call->body_format is not canonical, written to canonical_out. For a non-2xx status, return
   * PORTICO_ERR_UPSTREAM with the upstream's message in err and err->http_status set.
   * @param usage_out host-zeroed; fill what the upstream reports.
   * THREADING: concurrent. SINCE 1.0.
   */
  portico_status (*parse_response)(void* instance, const portico_call* call, int32_t http_status,
                                   const portico_header* headers, size_t header_count,
                                   portico_str body, portico_writer* canonical_out,
                                   portico_usage* usage_out, portico_error* err);

  /**
   * stream_open: start translating one streaming upstream response (status 2xx; the host
   * routes non-2xx stream responses through parse_response). Calls on the returned stream are
   * serialized. stream_close is always called exactly once, also after errors and disconnects.
   */
  portico_status (*stream_open)(void* instance, const portico_call* call, void** out_stream,
                                portico_error* err);
  /**
   * stream_feed: upstream bytes as they arrive (or one SSE event's data with
   * PORTICO_PROVIDER_SSE_EVENTS). Bytes may split events anywhere; keep parser state in the
   * stream. Emit each canonical chunk through sink. A PORTICO_ERR_CLOSED from the sink means stop.
   */
  portico_status (*stream_feed)(void* stream, portico_str data, portico_chunk_sink* sink,
                                portico_error* err);
  /** stream_end: the upstream finished; flush any buffered partial event. */
  portico_status (*stream_end)(void* stream, portico_chunk_sink* sink, portico_error* err);
  /** stream_close: release the stream. */
  void (*stream_close)(void* stream);

  /**
   * invoke: answer a call locally, without an upstream (NULL for translating providers).
   * Exactly one of response_out and chunks is non-NULL, chosen by PORTICO_CALL_STREAM:
   * non-streaming calls write the operation's canonical answer (see PORTICO_OP_*) to response_out; streaming calls emit
   * chunks through chunks (stop and return PORTICO_ERR_CLOSED when emit does).
   * May block (the calling thread belongs to this request).
   * THREADING: concurrent. SINCE 1.0.
   */
  portico_status (*invoke)(void* instance, const portico_call* call, portico_str canonical_json,
                           portico_writer* response_out, portico_chunk_sink* chunks,
                           portico_usage* usage_out, portico_error* err);
  /* ---- SINCE 1.1 ---- */
  /** native_formats: PORTICO_FORMAT_MASK bits of the inbound formats this provider accepts
   *  unchanged. 0 = canonical only (every 1.0 plugin). The host uses a native format only when no
   *  guardrail has to see the canonical payload. */
  uint32_t native_formats;
} portico_provider_vtable;

/* ============================================================================================
 * Observer plugins: receive immutable events off the request path
 * ========================================================================================== */

/** Event types (portico_event.type) and the observer event_mask bits (1u << type). */
#define PORTICO_EVENT_REQUEST 0           /**< the client's request as received            */
#define PORTICO_EVENT_PROVIDER_REQUEST 1  /**< what was sent upstream (secrets redacted)    */
#define PORTICO_EVENT_PROVIDER_RESPONSE 2 /**< what the upstream answered                   */
#define PORTICO_EVENT_RESPONSE 3          /**< what the client was sent (or the error)      */
#define PORTICO_EVENT_MASK(type) (1u << (type))
#define PORTICO_EVENT_MASK_ALL 0xFu

/**
 * portico_event: one thing that happened to one request. OWNERSHIP: host; immutable; valid only
 * during on_events. Events of one request share request_id and arrive in order.
 * For a streamed body, `body` is empty and `chunks` holds the chunk_sequence.
 * Credentials (Authorization, api-key, x-api-key headers) are already redacted by the host.
 */
typedef struct portico_event {
  size_t struct_size;
  uint32_t type;           /**< PORTICO_EVENT_* */
  int32_t http_status;     /**< for responses; 0 otherwise */
  uint64_t unix_ns;        /**< when it happened */
  uint64_t latency_ns;     /**< for responses: since the request arrived */
  portico_str request_id;
  portico_str model;       /**< the model the client asked for */
  portico_str provider;    /**< provider plugin name, empty before routing */
  portico_str method;      /**< for requests: HTTP method */
  portico_str url;         /**< for requests: path (client) or URL (provider) */
  const portico_header* headers;
  size_t header_count;
  portico_str body;
  const portico_str* chunks;
  size_t chunk_count;
  const portico_usage* usage; /**< NULL if unknown */
  portico_str error_message;  /**< empty unless the request failed */
} portico_event;

/** Observer flags. */
#define PORTICO_OBSERVER_CONCURRENT 0x1u /**< on_events may run concurrently (reserved) */

/** portico_observer_vtable: what an observer implements. create, destroy, on_events required. */
typedef struct portico_observer_vtable {
  size_t struct_size;
  uint32_t event_mask; /**< which PORTICO_EVENT_MASK bits to deliver; 0 = all */
  uint32_t flags;
  /** create: make the instance from its config object (`plugins.observers[].config`). */
  portico_status (*create)(const portico_host* host, portico_str config_json, void** out_instance,
                           portico_error* err);
  void (*destroy)(void* instance);
  /**
   * on_events: a batch of events, on this observer's own thread, never on the request path.
   * Return PORTICO_ERR_RETRY to get the same batch again after a backoff; any other error drops
   * the batch and the host counts the drop.
   */
  portico_status (*on_events)(void* instance, const portico_event* const* events, size_t count,
                              portico_error* err);
  /** flush: make delivered events durable (called at shutdown and reload). May be NULL. */
  portico_status (*flush)(void* instance, uint32_t timeout_ms);
} portico_observer_vtable;

/* ============================================================================================
 * Guardrail plugins: inspect and allow, block or rewrite payloads
 * ========================================================================================== */

/** Hooks (guardrail capability mask and the `hook` argument of check). */
#define PORTICO_HOOK_PRE_CALL 0x1u  /**< the canonical request, before routing */
#define PORTICO_HOOK_POST_CALL 0x2u /**< the canonical response, before the client sees it */

/** Verdicts. */
typedef int32_t portico_verdict;
#define PORTICO_ALLOW 0
#define PORTICO_BLOCK 1   /**< refuse; err->message is the reason shown to the client */
#define PORTICO_REWRITE 2 /**< replace the payload with what was written to rewrite_out */

/** portico_guardrail_vtable: what a guardrail implements. create, destroy, check required. */
typedef struct portico_guardrail_vtable {
  size_t struct_size;
  uint32_t hooks; /**< PORTICO_HOOK_* it wants */
  portico_status (*create)(const portico_host* host, portico_str config_json, void** out_instance,
                           portico_error* err);
  void (*destroy)(void* instance);
  /**
   * check: decide about one payload. Set *verdict; for BLOCK put the reason in err (the call
   * still returns PORTICO_OK); for REWRITE write the full replacement JSON to rewrite_out.
   * A non-OK status is a guardrail failure, which the host treats as a block (fail closed).
   * THREADING: concurrent.
   */
  portico_status (*check)(void* instance, uint32_t hook, const portico_call* call,
                          portico_str payload_json, portico_verdict* verdict,
                          portico_writer* rewrite_out, portico_error* err);
} portico_guardrail_vtable;

/* ============================================================================================
 * Descriptor and entry point
 * ========================================================================================== */

/** Plugin kinds. */
#define PORTICO_KIND_PROVIDER 1
#define PORTICO_KIND_OBSERVER 2
#define PORTICO_KIND_GUARDRAIL 3

/** Descriptor flags. */
#define PORTICO_PLUGIN_NO_UNLOAD 0x1u /**< never dlclose (Go/Rust runtimes, static TLS) */

/**
 * portico_plugin_descriptor: what a plugin declares. Static in the plugin.
 * The fields up to and including `version` are a FROZEN PREFIX: they keep their offsets in every
 * ABI major, so any host can name a plugin and its ABI even when it refuses to load it.
 */
typedef struct portico_plugin_descriptor {
  size_t struct_size;
  uint16_t abi_major; /**< set to PORTICO_ABI_MAJOR */
  uint16_t abi_minor; /**< set to PORTICO_ABI_MINOR */
  int32_t kind;       /**< PORTICO_KIND_* */
  portico_str name;   /**< unique per kind, e.g. "openai"; [a-z0-9_-]+ */
  portico_str version; /**< the plugin's own version, informational */
  /* ---- end of frozen prefix ---- */
  uint32_t flags;      /**< PORTICO_PLUGIN_* */
  portico_str description;
  const void* vtable; /**< portico_<kind>_vtable*, static */
} portico_plugin_descriptor;

/** Size of the frozen descriptor prefix: smaller descriptors are refused. */
#define PORTICO_DESCRIPTOR_PREFIX_SIZE \
  (offsetof(portico_plugin_descriptor, version) + sizeof(portico_str))

/** The only symbol a plugin exports. */
#define PORTICO_PLUGIN_INIT_SYMBOL "portico_plugin_init"

/**
 * portico_plugin_init: the plugin's entry point. Called once, on the control thread, before any
 * other call. Keep `host` if you need host services later (it is valid until unload).
 * @param out receives a pointer to the static descriptor. Fill it even when returning
 *        PORTICO_ERR_ABI, so the host can name the plugin in its refusal.
 * @return PORTICO_OK, or PORTICO_ERR_ABI if the host is too old for this plugin (for example a
 *         needed host_api slot is missing).
 */
typedef portico_status (*portico_plugin_init_fn)(const portico_host* host,
                                                 const portico_plugin_descriptor** out);
PORTICO_EXPORT portico_status portico_plugin_init(const portico_host* host,
                                                  const portico_plugin_descriptor** out);

#ifdef __cplusplus
}
#endif
#endif /* PORTICO_PLUGIN_H */
