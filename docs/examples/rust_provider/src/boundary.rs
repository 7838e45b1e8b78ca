//! The FFI boundary: no panic may unwind into the host (plugin.h, ERRORS), so every exported
//! function runs its body through `guard`, which turns a panic into PORTICO_ERR_INTERNAL.

use std::panic::{self, AssertUnwindSafe};

use crate::abi;

/// Why a call failed, as the host should hear it.
pub struct Failure {
    status: abi::Status,
    http_status: i32,
    message: String,
}

impl Failure {
    /// The request cannot be served by this provider: the client gets a 400.
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure { status: abi::ERR_INVALID, http_status: 400, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> Failure {
        Failure { status: abi::ERR_INTERNAL, http_status: 0, message: message.into() }
    }

    /// A host sink refused output; PORTICO_ERR_CLOSED (client gone) is passed back as it is.
    pub fn sink(status: abi::Status) -> Failure {
        Failure { status, http_status: 0, message: format!("rust_provider: the host sink returned status {}", status) }
    }
}

/// Runs `body`, reporting its failure or panic through `err`. `err` may be null.
pub fn guard<F: FnOnce() -> Result<(), Failure>>(err: *mut abi::Error, body: F) -> abi::Status {
    let failure = match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return abi::OK,
        Ok(Err(failure)) => failure,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a non-string payload".to_string());
            Failure::internal(format!("rust_provider panicked: {}", what))
        }
    };
    // SAFETY: the host passes either null or a valid portico_error for the length of the call.
    unsafe { report(err, &failure) }
}

/// portico_error_set: the header's static inline helper, which Rust cannot call.
unsafe fn report(err: *mut abi::Error, failure: &Failure) -> abi::Status {
    if let Some(err) = err.as_mut() {
        let n = failure.message.len().min(err.message_cap);
        err.http_status = failure.http_status;
        if n > 0 && !err.message.is_null() {
            std::ptr::copy_nonoverlapping(failure.message.as_ptr(), err.message as *mut u8, n);
        }
        err.message_len = n;
    }
    failure.status
}

/// The bytes of a borrowed portico_str (valid only during the call that passed it).
///
/// # Safety
/// `text` must point at `len` readable bytes for the lifetime the caller picks.
pub unsafe fn bytes<'a>(text: abi::Str) -> &'a [u8] {
    if text.ptr.is_null() || text.len == 0 {
        return &[];
    }
    std::slice::from_raw_parts(text.ptr as *const u8, text.len)
}

/// A borrowed portico_str as text; the host sends UTF-8, anything else is replaced, not trusted.
///
/// # Safety
/// As for `bytes`.
pub unsafe fn text(text: abi::Str) -> String {
    String::from_utf8_lossy(bytes(text)).into_owned()
}

/// Writes `text` through a host writer.
pub fn write(writer: &abi::Writer, text: &str) -> Result<(), Failure> {
    let write = writer.write.ok_or_else(|| Failure::internal("rust_provider: the host writer has no write"))?;
    // SAFETY: the host's writer is valid for the call; it copies the bytes before returning.
    sink_result(unsafe { write(writer.ctx, abi::Str::of(text)) })
}

/// Emits one chunk through the host's stream sink.
pub fn emit(sink: &abi::ChunkSink, chunk_json: &str) -> Result<(), Failure> {
    let emit = sink.emit.ok_or_else(|| Failure::internal("rust_provider: the host sink has no emit"))?;
    // SAFETY: as for `write`.
    sink_result(unsafe { emit(sink.ctx, abi::Str::of(chunk_json)) })
}

/// Reports a stream's usage through the host's sink.
pub fn report_usage(sink: &abi::ChunkSink, usage: &abi::Usage) -> Result<(), Failure> {
    let report = sink.usage.ok_or_else(|| Failure::internal("rust_provider: the host sink has no usage"))?;
    // SAFETY: as for `write`; the host copies the counts.
    sink_result(unsafe { report(sink.ctx, usage) })
}

/// A host sink's status: PORTICO_OK, or the error that stops the call.
fn sink_result(status: abi::Status) -> Result<(), Failure> {
    match status {
        abi::OK => Ok(()),
        status => Err(Failure::sink(status)),
    }
}
