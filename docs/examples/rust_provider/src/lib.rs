//! rust_provider: a Portico provider plugin written in Rust against nothing but the C contract in
//! sdk/include/portico/plugin.h (see src/abi.rs for the bindings). It exports exactly one symbol,
//! portico_plugin_init, as the header asks; everything else is reached through the descriptor.

mod abi;
mod boundary;
mod chat;
mod json;
mod provider;

use std::mem::size_of;
use std::os::raw::c_void;

static VTABLE: abi::ProviderVtable = abi::ProviderVtable {
    struct_size: size_of::<abi::ProviderVtable>(),
    operations: abi::OP_CHAT,
    flags: 0,
    create: Some(provider::create),
    destroy: Some(provider::destroy),
    // A local provider: invoke instead of the translating slots.
    build_request: None,
    parse_response: None,
    stream_open: None,
    stream_feed: None,
    stream_end: None,
    stream_close: None,
    invoke: Some(provider::invoke),
    native_formats: 0,
};

static DESCRIPTOR: abi::PluginDescriptor = abi::PluginDescriptor {
    struct_size: size_of::<abi::PluginDescriptor>(),
    abi_major: abi::ABI_MAJOR,
    abi_minor: abi::ABI_MINOR,
    kind: abi::KIND_PROVIDER,
    name: abi::Str::literal("rust_echo"),
    version: abi::Str::literal(env!("CARGO_PKG_VERSION")),
    flags: abi::PLUGIN_NO_UNLOAD,
    description: abi::Str::literal("Example provider in Rust: echoes the last user message"),
    vtable: &VTABLE as *const abi::ProviderVtable as *const c_void,
};

/// The entry point (PORTICO_PLUGIN_INIT_SYMBOL). Nothing in it can panic, so it needs no guard.
///
/// # Safety
/// Called by the host with its portico_host (or null) and a place for the descriptor.
#[no_mangle]
pub unsafe extern "C" fn portico_plugin_init(
    host: *const abi::Host,
    out: *mut *const abi::PluginDescriptor,
) -> abi::Status {
    // Filled even for a refusal, so the host can name this plugin in its message.
    if let Some(out) = out.as_mut() {
        *out = &DESCRIPTOR;
    }
    match host.as_ref() {
        Some(host) if host.abi_major == abi::ABI_MAJOR => abi::OK,
        _ => abi::ERR_ABI,
    }
}
