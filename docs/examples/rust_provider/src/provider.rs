//! The provider's vtable functions: a local provider (the invoke shape) that answers a chat
//! request with the last user message behind a prefix, whole or streamed word by word.
//!
//! Config (the deployment's litellm_params):
//!   prefix    what the answer starts with; default "rust echo: "
//!   panic_on  a user message that makes invoke panic, to show that a panic becomes a 500 and
//!             not a crash of the gateway (src/boundary.rs); absent by default

use std::os::raw::c_void;

use crate::abi;
use crate::boundary::{self, Failure};
use crate::chat::{self, Answer, Delta};
use crate::json;

const DEFAULT_PREFIX: &str = "rust echo: ";

/// Immutable after create: invoke runs on many request threads at once.
struct Instance {
    host: *const abi::Host,
    prefix: String,
    panic_on: Option<String>,
}

impl Instance {
    fn from_config(host: *const abi::Host, config: &json::Value) -> Result<Instance, Failure> {
        let text_option = |key: &str| match config.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_str()
                .map(|text| Some(text.to_string()))
                .ok_or_else(|| Failure::invalid(format!("rust_provider: config.{} must be a string", key))),
        };
        Ok(Instance {
            host,
            prefix: text_option("prefix")?.unwrap_or_else(|| DEFAULT_PREFIX.to_string()),
            panic_on: text_option("panic_on")?,
        })
    }

    /// The host's wall clock in unix seconds (0 if the host offers none).
    fn now_unix_s(&self) -> u64 {
        // SAFETY: the host passed to create stays valid until destroy, and so does its api table.
        unsafe {
            let host = match self.host.as_ref() {
                Some(host) => host,
                None => return 0,
            };
            match host.api.as_ref().and_then(|api| api.now_unix_ns) {
                Some(now) => now(host.handle) / 1_000_000_000,
                None => 0,
            }
        }
    }
}

pub unsafe extern "C" fn create(
    host: *const abi::Host,
    config_json: abi::Str,
    out_instance: *mut *mut c_void,
    err: *mut abi::Error,
) -> abi::Status {
    boundary::guard(err, || {
        let config = json::parse(boundary::bytes(config_json))
            .map_err(|why| Failure::invalid(format!("rust_provider: config is not JSON: {}", why)))?;
        let instance = Instance::from_config(host, &config)?;
        *out_instance = Box::into_raw(Box::new(instance)) as *mut c_void;
        Ok(())
    })
}

pub unsafe extern "C" fn destroy(instance: *mut c_void) {
    // destroy has no error to report into; a panic here (there is none to expect) is dropped.
    let _ = boundary::guard(std::ptr::null_mut(), || {
        if !instance.is_null() {
            drop(Box::from_raw(instance as *mut Instance));
        }
        Ok(())
    });
}

pub unsafe extern "C" fn invoke(
    instance: *mut c_void,
    call: *const abi::Call,
    canonical_json: abi::Str,
    response_out: *mut abi::Writer,
    chunks: *mut abi::ChunkSink,
    usage_out: *mut abi::Usage,
    err: *mut abi::Error,
) -> abi::Status {
    boundary::guard(err, || {
        let instance = &*(instance as *const Instance);
        let call = &*call;
        let request = json::parse(boundary::bytes(canonical_json))
            .map_err(|why| Failure::invalid(format!("rust_provider: the request is not JSON: {}", why)))?;
        let question = chat::last_user_text(&request)
            .ok_or_else(|| Failure::invalid("rust_provider: the request has no user message with text"))?;
        if instance.panic_on.as_deref() == Some(question.as_str()) {
            panic!("asked to panic by config.panic_on");
        }

        let reply = format!("{}{}", instance.prefix, question);
        let mut usage = abi::Usage { struct_size: std::mem::size_of::<abi::Usage>(), ..Default::default() };
        usage.prompt_tokens = chat::tokens(&question);
        usage.completion_tokens = chat::tokens(&reply);
        usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
        // usage_out is the host's 1.0-or-later struct: write only the three 1.0 counts.
        if let Some(out) = usage_out.as_mut() {
            out.prompt_tokens = usage.prompt_tokens;
            out.completion_tokens = usage.completion_tokens;
            out.total_tokens = usage.total_tokens;
        }

        let id = format!("chatcmpl-rust-{}", boundary::text(call.request_id));
        let model = boundary::text(call.model);
        let answer = Answer { id: &id, created_unix_s: instance.now_unix_s(), model: &model };
        match (call.flags & abi::CALL_STREAM != 0, chunks.as_ref(), response_out.as_ref()) {
            (true, Some(sink), _) => stream(sink, &answer, &reply, &usage),
            (false, _, Some(writer)) => {
                boundary::write(writer, &answer.completion(&reply, usage.prompt_tokens, usage.completion_tokens))
            }
            _ => Err(Failure::internal("rust_provider: the host passed no sink for this call")),
        }
    })
}

/// Role chunk, one chunk per word, the finish chunk, then usage. A sink error (the client went
/// away: PORTICO_ERR_CLOSED) stops the stream at once and is returned as it is.
fn stream(sink: &abi::ChunkSink, answer: &Answer, reply: &str, usage: &abi::Usage) -> Result<(), Failure> {
    boundary::emit(sink, &answer.chunk(Delta::Role))?;
    for piece in chat::pieces(reply) {
        boundary::emit(sink, &answer.chunk(Delta::Content(piece)))?;
    }
    boundary::emit(sink, &answer.chunk(Delta::Stop))?;
    boundary::report_usage(sink, usage)
}
