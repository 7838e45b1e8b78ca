//! Hand-written `#[repr(C)]` bindings for the part of sdk/include/portico/plugin.h this provider
//! uses. No bindgen: the header is plain C99 and the subset is small.
//!
//! Structs the host owns and passes by pointer (Host, HostApi, Call, ChunkSink, Error) are
//! declared only up to the last field read here: the ABI never moves a released field, so a
//! prefix is a correct view of any 1.x host's struct. Structs this plugin hands over (Usage,
//! ProviderVtable, PluginDescriptor) are declared whole, because their struct_size says so.
#![allow(dead_code)] // constants kept for readers extending the example

use std::mem::size_of;
use std::os::raw::{c_char, c_void};

pub type Status = i32;
pub const OK: Status = 0;
pub const ERR_INVALID: Status = 1;
pub const ERR_ABI: Status = 5;
pub const ERR_INTERNAL: Status = 6;
pub const ERR_CLOSED: Status = 7;

pub const ABI_MAJOR: u16 = 1;
pub const ABI_MINOR: u16 = 1;

pub const KIND_PROVIDER: i32 = 1;
pub const OP_CHAT: u32 = 0x1;
pub const CALL_STREAM: u32 = 0x1;
/// PORTICO_PLUGIN_NO_UNLOAD: the Rust runtime keeps thread-local state, so never dlclose.
pub const PLUGIN_NO_UNLOAD: u32 = 0x1;
pub const LOG_INFO: i32 = 1;

/// portico_str: borrowed bytes, not NUL-terminated. FROZEN.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Str {
    pub ptr: *const c_char,
    pub len: usize,
}

impl Str {
    /// For the descriptor's static strings.
    pub const fn literal(text: &'static str) -> Str {
        Str { ptr: text.as_ptr() as *const c_char, len: text.len() }
    }
    /// For a string that outlives the call it is passed to (sinks copy before returning).
    pub fn of(text: &str) -> Str {
        Str { ptr: text.as_ptr() as *const c_char, len: text.len() }
    }
}

/// portico_error, 1.0 prefix (error_class and retry_after_ms, SINCE 1.1, are not written).
#[repr(C)]
pub struct Error {
    pub struct_size: usize,
    pub http_status: i32,
    pub message: *mut c_char,
    pub message_cap: usize,
    pub message_len: usize,
}

/// portico_writer: a byte sink. FROZEN.
#[repr(C)]
pub struct Writer {
    pub ctx: *mut c_void,
    pub write: Option<unsafe extern "C" fn(ctx: *mut c_void, bytes: Str) -> Status>,
}

/// portico_usage, whole (1.1): this plugin fills one and passes it to ChunkSink::usage.
#[repr(C)]
#[derive(Default)]
pub struct Usage {
    pub struct_size: usize,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
    pub cached_tokens: u64,
    pub reasoning_tokens: u64,
    pub cache_creation_tokens: u64,
}

/// portico_host.
#[repr(C)]
pub struct Host {
    pub struct_size: usize,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub host_version: Str,
    pub handle: *mut c_void,
    pub api: *const HostApi,
}

/// portico_host_api, prefix through now_unix_ns (monotonic_ns, config_get, http_request follow).
#[repr(C)]
pub struct HostApi {
    pub struct_size: usize,
    pub log: Option<unsafe extern "C" fn(handle: *mut c_void, level: i32, message: Str)>,
    pub log_enabled: Option<unsafe extern "C" fn(handle: *mut c_void, level: i32) -> i32>,
    pub now_unix_ns: Option<unsafe extern "C" fn(handle: *mut c_void) -> u64>,
}

/// portico_call, 1.0 prefix (body_format and the other SINCE 1.1 fields are not read).
#[repr(C)]
pub struct Call {
    pub struct_size: usize,
    pub request_id: Str,
    pub model: Str,
    pub api_base: Str,
    pub api_key: Str,
    pub operation: u32,
    pub flags: u32,
    pub timeout_ms: u32,
}

/// portico_chunk_sink, 1.0 prefix (emit_event is only for native-format streams).
#[repr(C)]
pub struct ChunkSink {
    pub struct_size: usize,
    pub ctx: *mut c_void,
    pub emit: Option<unsafe extern "C" fn(ctx: *mut c_void, chunk_json: Str) -> Status>,
    pub usage: Option<unsafe extern "C" fn(ctx: *mut c_void, usage: *const Usage) -> Status>,
}

/// A vtable slot this provider leaves NULL. Only its size matters here; plugin.h has the real
/// signature for whoever fills it.
pub type UnusedSlot = Option<unsafe extern "C" fn()>;

pub type CreateFn = unsafe extern "C" fn(
    host: *const Host,
    config_json: Str,
    out_instance: *mut *mut c_void,
    err: *mut Error,
) -> Status;
pub type DestroyFn = unsafe extern "C" fn(instance: *mut c_void);
pub type InvokeFn = unsafe extern "C" fn(
    instance: *mut c_void,
    call: *const Call,
    canonical_json: Str,
    response_out: *mut Writer,
    chunks: *mut ChunkSink,
    usage_out: *mut Usage,
    err: *mut Error,
) -> Status;

/// portico_provider_vtable, whole (1.1).
#[repr(C)]
pub struct ProviderVtable {
    pub struct_size: usize,
    pub operations: u32,
    pub flags: u32,
    pub create: Option<CreateFn>,
    pub destroy: Option<DestroyFn>,
    pub build_request: UnusedSlot,
    pub parse_response: UnusedSlot,
    pub stream_open: UnusedSlot,
    pub stream_feed: UnusedSlot,
    pub stream_end: UnusedSlot,
    pub stream_close: UnusedSlot,
    pub invoke: Option<InvokeFn>,
    pub native_formats: u32,
}

/// portico_plugin_descriptor, whole.
#[repr(C)]
pub struct PluginDescriptor {
    pub struct_size: usize,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub kind: i32,
    pub name: Str,
    pub version: Str,
    pub flags: u32,
    pub description: Str,
    pub vtable: *const c_void,
}

// Both live in immutable statics that the host reads from any thread.
unsafe impl Sync for ProviderVtable {}
unsafe impl Sync for PluginDescriptor {}

// The sizes the C compiler gives these structs on LP64 targets (x86_64, aarch64): a field typed
// wrong here fails the build instead of corrupting the host.
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(size_of::<Str>() == 16);
    assert!(size_of::<Error>() == 40);
    assert!(size_of::<Usage>() == 56);
    assert!(size_of::<Host>() == 48);
    assert!(size_of::<HostApi>() == 32);
    assert!(size_of::<Call>() == 88);
    assert!(size_of::<ChunkSink>() == 32);
    assert!(size_of::<ProviderVtable>() == 96);
    assert!(size_of::<PluginDescriptor>() == 80);
};
