// The ABI freeze: offsets and sizes of every released field of plugin.h, checked against the
// table below (x86_64 LP64). Plugins compiled against any 1.x header rely on these numbers, so a
// field that moves, shrinks or changes type fails here. Appending a field is allowed: growable
// structs may only get bigger. When a minor release appends fields, add their rows.
#include <portico/plugin.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <string>

namespace {

/// One released field: where the table says it is, and where this header puts it.
struct FieldRow {
    const char* field;
    std::size_t frozen_offset;
    std::size_t frozen_size;
    std::size_t offset;
    std::size_t size;
};

/// Frozen value types never change; growable structs (they start with struct_size) may grow.
enum class Growth { kFrozen, kAppendOnly };

/// One struct: its released size and its released fields.
struct StructRow {
    const char* type;
    Growth growth;
    std::size_t frozen_size;
    std::size_t size;
    std::initializer_list<FieldRow> fields;
};

#define PORTICO_FIELD(T, f, off, sz) FieldRow{#f, off, sz, offsetof(T, f), sizeof(T::f)}
#define PORTICO_STRUCT(T, growth, sz) #T, growth, sz, sizeof(T)

bool isReferencePlatform() {
#if defined(__x86_64__) && defined(__LP64__)
    return true;
#else
    return false;
#endif
}

void expectLayout(const StructRow& row) {
    SCOPED_TRACE(row.type);
    if (row.growth == Growth::kFrozen)
        EXPECT_EQ(row.size, row.frozen_size) << row.type << " is frozen: its size must never change";
    else
        EXPECT_GE(row.size, row.frozen_size) << row.type << " shrank: released fields were removed";
    for (const FieldRow& field : row.fields) {
        EXPECT_EQ(field.offset, field.frozen_offset) << row.type << "::" << field.field << " moved";
        EXPECT_EQ(field.size, field.frozen_size) << row.type << "::" << field.field << " changed size";
    }
}

const StructRow kValueTypes[] = {
    {PORTICO_STRUCT(portico_str, Growth::kFrozen, 16),
     {PORTICO_FIELD(portico_str, ptr, 0, 8), PORTICO_FIELD(portico_str, len, 8, 8)}},
    {PORTICO_STRUCT(portico_writer, Growth::kFrozen, 16),
     {PORTICO_FIELD(portico_writer, ctx, 0, 8), PORTICO_FIELD(portico_writer, write, 8, 8)}},
    {PORTICO_STRUCT(portico_header, Growth::kFrozen, 32),
     {PORTICO_FIELD(portico_header, name, 0, 16), PORTICO_FIELD(portico_header, value, 16, 16)}},
};

const StructRow kHostStructs[] = {
    {PORTICO_STRUCT(portico_error, Growth::kAppendOnly, 40),
     {PORTICO_FIELD(portico_error, struct_size, 0, 8), PORTICO_FIELD(portico_error, http_status, 8, 4),
      PORTICO_FIELD(portico_error, message, 16, 8), PORTICO_FIELD(portico_error, message_cap, 24, 8),
      PORTICO_FIELD(portico_error, message_len, 32, 8)}},
    {PORTICO_STRUCT(portico_usage, Growth::kAppendOnly, 48),
     {PORTICO_FIELD(portico_usage, struct_size, 0, 8), PORTICO_FIELD(portico_usage, prompt_tokens, 8, 8),
      PORTICO_FIELD(portico_usage, completion_tokens, 16, 8), PORTICO_FIELD(portico_usage, total_tokens, 24, 8),
      PORTICO_FIELD(portico_usage, cached_tokens, 32, 8), PORTICO_FIELD(portico_usage, reasoning_tokens, 40, 8)}},
    {PORTICO_STRUCT(portico_http_request, Growth::kAppendOnly, 80),
     {PORTICO_FIELD(portico_http_request, struct_size, 0, 8), PORTICO_FIELD(portico_http_request, method, 8, 16),
      PORTICO_FIELD(portico_http_request, url, 24, 16), PORTICO_FIELD(portico_http_request, headers, 40, 8),
      PORTICO_FIELD(portico_http_request, header_count, 48, 8), PORTICO_FIELD(portico_http_request, body, 56, 16),
      PORTICO_FIELD(portico_http_request, timeout_ms, 72, 4)}},
    {PORTICO_STRUCT(portico_host, Growth::kAppendOnly, 48),
     {PORTICO_FIELD(portico_host, struct_size, 0, 8), PORTICO_FIELD(portico_host, abi_major, 8, 2),
      PORTICO_FIELD(portico_host, abi_minor, 10, 2), PORTICO_FIELD(portico_host, host_version, 16, 16),
      PORTICO_FIELD(portico_host, handle, 32, 8), PORTICO_FIELD(portico_host, api, 40, 8)}},
    {PORTICO_STRUCT(portico_host_api, Growth::kAppendOnly, 56),
     {PORTICO_FIELD(portico_host_api, struct_size, 0, 8), PORTICO_FIELD(portico_host_api, log, 8, 8),
      PORTICO_FIELD(portico_host_api, log_enabled, 16, 8), PORTICO_FIELD(portico_host_api, now_unix_ns, 24, 8),
      PORTICO_FIELD(portico_host_api, monotonic_ns, 32, 8), PORTICO_FIELD(portico_host_api, config_get, 40, 8),
      PORTICO_FIELD(portico_host_api, http_request, 48, 8)}},
    {PORTICO_STRUCT(portico_call, Growth::kAppendOnly, 88),
     {PORTICO_FIELD(portico_call, struct_size, 0, 8), PORTICO_FIELD(portico_call, request_id, 8, 16),
      PORTICO_FIELD(portico_call, model, 24, 16), PORTICO_FIELD(portico_call, api_base, 40, 16),
      PORTICO_FIELD(portico_call, api_key, 56, 16), PORTICO_FIELD(portico_call, operation, 72, 4),
      PORTICO_FIELD(portico_call, flags, 76, 4), PORTICO_FIELD(portico_call, timeout_ms, 80, 4)}},
    {PORTICO_STRUCT(portico_upstream_request, Growth::kAppendOnly, 56),
     {PORTICO_FIELD(portico_upstream_request, struct_size, 0, 8), PORTICO_FIELD(portico_upstream_request, ctx, 8, 8),
      PORTICO_FIELD(portico_upstream_request, set_method, 16, 8),
      PORTICO_FIELD(portico_upstream_request, set_url, 24, 8),
      PORTICO_FIELD(portico_upstream_request, add_header, 32, 8),
      PORTICO_FIELD(portico_upstream_request, body, 40, 16)}},
    {PORTICO_STRUCT(portico_chunk_sink, Growth::kAppendOnly, 32),
     {PORTICO_FIELD(portico_chunk_sink, struct_size, 0, 8), PORTICO_FIELD(portico_chunk_sink, ctx, 8, 8),
      PORTICO_FIELD(portico_chunk_sink, emit, 16, 8), PORTICO_FIELD(portico_chunk_sink, usage, 24, 8)}},
    {PORTICO_STRUCT(portico_event, Growth::kAppendOnly, 184),
     {PORTICO_FIELD(portico_event, struct_size, 0, 8), PORTICO_FIELD(portico_event, type, 8, 4),
      PORTICO_FIELD(portico_event, http_status, 12, 4), PORTICO_FIELD(portico_event, unix_ns, 16, 8),
      PORTICO_FIELD(portico_event, latency_ns, 24, 8), PORTICO_FIELD(portico_event, request_id, 32, 16),
      PORTICO_FIELD(portico_event, model, 48, 16), PORTICO_FIELD(portico_event, provider, 64, 16),
      PORTICO_FIELD(portico_event, method, 80, 16), PORTICO_FIELD(portico_event, url, 96, 16),
      PORTICO_FIELD(portico_event, headers, 112, 8), PORTICO_FIELD(portico_event, header_count, 120, 8),
      PORTICO_FIELD(portico_event, body, 128, 16), PORTICO_FIELD(portico_event, chunks, 144, 8),
      PORTICO_FIELD(portico_event, chunk_count, 152, 8), PORTICO_FIELD(portico_event, usage, 160, 8),
      PORTICO_FIELD(portico_event, error_message, 168, 16)}},
};

const StructRow kPluginStructs[] = {
    {PORTICO_STRUCT(portico_provider_vtable, Growth::kAppendOnly, 88),
     {PORTICO_FIELD(portico_provider_vtable, struct_size, 0, 8), PORTICO_FIELD(portico_provider_vtable, operations, 8, 4),
      PORTICO_FIELD(portico_provider_vtable, flags, 12, 4), PORTICO_FIELD(portico_provider_vtable, create, 16, 8),
      PORTICO_FIELD(portico_provider_vtable, destroy, 24, 8),
      PORTICO_FIELD(portico_provider_vtable, build_request, 32, 8),
      PORTICO_FIELD(portico_provider_vtable, parse_response, 40, 8),
      PORTICO_FIELD(portico_provider_vtable, stream_open, 48, 8),
      PORTICO_FIELD(portico_provider_vtable, stream_feed, 56, 8),
      PORTICO_FIELD(portico_provider_vtable, stream_end, 64, 8),
      PORTICO_FIELD(portico_provider_vtable, stream_close, 72, 8), PORTICO_FIELD(portico_provider_vtable, invoke, 80, 8)}},
    {PORTICO_STRUCT(portico_observer_vtable, Growth::kAppendOnly, 48),
     {PORTICO_FIELD(portico_observer_vtable, struct_size, 0, 8), PORTICO_FIELD(portico_observer_vtable, event_mask, 8, 4),
      PORTICO_FIELD(portico_observer_vtable, flags, 12, 4), PORTICO_FIELD(portico_observer_vtable, create, 16, 8),
      PORTICO_FIELD(portico_observer_vtable, destroy, 24, 8), PORTICO_FIELD(portico_observer_vtable, on_events, 32, 8),
      PORTICO_FIELD(portico_observer_vtable, flush, 40, 8)}},
    {PORTICO_STRUCT(portico_guardrail_vtable, Growth::kAppendOnly, 40),
     {PORTICO_FIELD(portico_guardrail_vtable, struct_size, 0, 8), PORTICO_FIELD(portico_guardrail_vtable, hooks, 8, 4),
      PORTICO_FIELD(portico_guardrail_vtable, create, 16, 8), PORTICO_FIELD(portico_guardrail_vtable, destroy, 24, 8),
      PORTICO_FIELD(portico_guardrail_vtable, check, 32, 8)}},
    {PORTICO_STRUCT(portico_plugin_descriptor, Growth::kAppendOnly, 80),
     {PORTICO_FIELD(portico_plugin_descriptor, struct_size, 0, 8),
      PORTICO_FIELD(portico_plugin_descriptor, abi_major, 8, 2),
      PORTICO_FIELD(portico_plugin_descriptor, abi_minor, 10, 2), PORTICO_FIELD(portico_plugin_descriptor, kind, 12, 4),
      PORTICO_FIELD(portico_plugin_descriptor, name, 16, 16), PORTICO_FIELD(portico_plugin_descriptor, version, 32, 16),
      PORTICO_FIELD(portico_plugin_descriptor, flags, 48, 4),
      PORTICO_FIELD(portico_plugin_descriptor, description, 56, 16),
      PORTICO_FIELD(portico_plugin_descriptor, vtable, 72, 8)}},
};

#define SKIP_UNLESS_REFERENCE_PLATFORM() \
    if (!isReferencePlatform()) GTEST_SKIP() << "the frozen table is for x86_64 LP64"

TEST(AbiLayoutTest, ValueTypesNeverChange) {
    SKIP_UNLESS_REFERENCE_PLATFORM();
    for (const StructRow& row : kValueTypes) expectLayout(row);
}

TEST(AbiLayoutTest, HostStructsKeepReleasedFieldsInPlace) {
    SKIP_UNLESS_REFERENCE_PLATFORM();
    for (const StructRow& row : kHostStructs) expectLayout(row);
}

TEST(AbiLayoutTest, PluginStructsKeepReleasedFieldsInPlace) {
    SKIP_UNLESS_REFERENCE_PLATFORM();
    for (const StructRow& row : kPluginStructs) expectLayout(row);
}

// Every host must be able to name a refused plugin of any major: the prefix is forever.
TEST(AbiLayoutTest, DescriptorPrefixIsFrozenInEveryMajor) {
    SKIP_UNLESS_REFERENCE_PLATFORM();
    EXPECT_EQ(PORTICO_DESCRIPTOR_PREFIX_SIZE, 48u);
    EXPECT_EQ(offsetof(portico_plugin_descriptor, version) + sizeof(portico_str), PORTICO_DESCRIPTOR_PREFIX_SIZE);
}

// Status codes, flags and kinds are compiled into plugins as numbers; renumbering breaks them.
TEST(AbiLayoutTest, ConstantsKeepTheirValues) {
    EXPECT_EQ(PORTICO_ABI_MAJOR, 1);
    EXPECT_STREQ(PORTICO_PLUGIN_INIT_SYMBOL, "portico_plugin_init");
    const int statuses[] = {PORTICO_OK,       PORTICO_ERR_INVALID, PORTICO_ERR_UNSUPPORTED, PORTICO_ERR_UPSTREAM,
                            PORTICO_ERR_RETRY, PORTICO_ERR_ABI,     PORTICO_ERR_INTERNAL,    PORTICO_ERR_CLOSED};
    for (int i = 0; i < 8; ++i) EXPECT_EQ(statuses[i], i);
    EXPECT_EQ(PORTICO_LOG_DEBUG, 0);
    EXPECT_EQ(PORTICO_LOG_INFO, 1);
    EXPECT_EQ(PORTICO_LOG_WARN, 2);
    EXPECT_EQ(PORTICO_LOG_ERROR, 3);
    EXPECT_EQ(PORTICO_OP_CHAT, 0x1u);
    EXPECT_EQ(PORTICO_OP_COMPLETIONS, 0x2u);
    EXPECT_EQ(PORTICO_OP_EMBEDDINGS, 0x4u);
    EXPECT_EQ(PORTICO_OP_RESPONSES, 0x8u);
    EXPECT_EQ(PORTICO_CALL_STREAM, 0x1u);
    EXPECT_EQ(PORTICO_PROVIDER_SSE_EVENTS, 0x1u);
    EXPECT_EQ(PORTICO_EVENT_REQUEST, 0);
    EXPECT_EQ(PORTICO_EVENT_PROVIDER_REQUEST, 1);
    EXPECT_EQ(PORTICO_EVENT_PROVIDER_RESPONSE, 2);
    EXPECT_EQ(PORTICO_EVENT_RESPONSE, 3);
    EXPECT_EQ(PORTICO_EVENT_MASK_ALL, 0xFu);
    EXPECT_EQ(PORTICO_OBSERVER_CONCURRENT, 0x1u);
    EXPECT_EQ(PORTICO_HOOK_PRE_CALL, 0x1u);
    EXPECT_EQ(PORTICO_HOOK_POST_CALL, 0x2u);
    EXPECT_EQ(PORTICO_ALLOW, 0);
    EXPECT_EQ(PORTICO_BLOCK, 1);
    EXPECT_EQ(PORTICO_REWRITE, 2);
    EXPECT_EQ(PORTICO_KIND_PROVIDER, 1);
    EXPECT_EQ(PORTICO_KIND_OBSERVER, 2);
    EXPECT_EQ(PORTICO_KIND_GUARDRAIL, 3);
    EXPECT_EQ(PORTICO_PLUGIN_NO_UNLOAD, 0x1u);
}

// A struct from an older minor is shorter: PORTICO_HAS must report its missing tail as absent.
TEST(AbiLayoutTest, HasSeesOnlyFieldsWithinStructSize) {
    portico_provider_vtable vtable{};
    vtable.struct_size = offsetof(portico_provider_vtable, invoke);
    EXPECT_TRUE(PORTICO_HAS(portico_provider_vtable, &vtable, stream_close));
    EXPECT_FALSE(PORTICO_HAS(portico_provider_vtable, &vtable, invoke));
    vtable.struct_size = sizeof vtable;
    EXPECT_TRUE(PORTICO_HAS(portico_provider_vtable, &vtable, invoke));
}

}  // namespace
