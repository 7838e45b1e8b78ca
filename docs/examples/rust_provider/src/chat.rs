//! The chat answer, independent of the ABI: what to reply to a canonical (OpenAI) chat request,
//! its toy token counts, and the chat.completion / chat.completion.chunk JSON it is sent as.

use crate::json::{self, Value};

/// The text of the last user message: a string, or the "text" parts of a content array.
pub fn last_user_text(request: &Value) -> Option<String> {
    let messages = request.get("messages")?.as_array()?;
    let last = messages.iter().rev().find(|m| m.get("role").and_then(Value::as_str) == Some("user"))?;
    match last.get("content")? {
        Value::Str(text) => Some(text.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter(|part| part.get("type").and_then(Value::as_str) == Some("text"))
                .filter_map(|part| part.get("text").and_then(Value::as_str))
                .collect(),
        ),
        _ => None,
    }
}

/// One "token" per whitespace-separated word, at least one: deterministic, for tests to check.
pub fn tokens(text: &str) -> u64 {
    text.split_whitespace().count().max(1) as u64
}

/// What identifies one answer in every object sent for it.
pub struct Answer<'a> {
    pub id: &'a str,
    pub created_unix_s: u64,
    pub model: &'a str,
}

impl Answer<'_> {
    fn open(&self, object: &str) -> String {
        let mut out = String::from("{\"id\":\"");
        json::escape_into(&mut out, self.id);
        out.push_str(&format!("\",\"object\":\"{}\",\"created\":{},\"model\":\"", object, self.created_unix_s));
        json::escape_into(&mut out, self.model);
        out.push_str("\",");
        out
    }

    /// A whole chat.completion with usage.
    pub fn completion(&self, content: &str, prompt_tokens: u64, completion_tokens: u64) -> String {
        let mut out = self.open("chat.completion");
        out.push_str("\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
        json::escape_into(&mut out, content);
        out.push_str(&format!(
            "\"}},\"logprobs\":null,\"finish_reason\":\"stop\"}}],\"usage\":{{\"prompt_tokens\":{},\"completion_tokens\":{},\"total_tokens\":{}}}}}",
            prompt_tokens,
            completion_tokens,
            prompt_tokens + completion_tokens
        ));
        out
    }

    /// A chat.completion.chunk: the first carries the role, the last only the finish reason.
    pub fn chunk(&self, delta: Delta) -> String {
        let mut out = self.open("chat.completion.chunk");
        out.push_str("\"choices\":[{\"index\":0,\"delta\":{");
        let finish = match delta {
            Delta::Role => {
                out.push_str("\"role\":\"assistant\",\"content\":\"\"");
                "null"
            }
            Delta::Content(text) => {
                out.push_str("\"content\":\"");
                json::escape_into(&mut out, text);
                out.push('"');
                "null"
            }
            Delta::Stop => "\"stop\"",
        };
        out.push_str(&format!("}},\"logprobs\":null,\"finish_reason\":{}}}]}}", finish));
        out
    }
}

pub enum Delta<'a> {
    Role,
    Content(&'a str),
    Stop,
}

/// The stream's content pieces: one per word, spaces kept, so they join back to `text`.
pub fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_last_user_message_in_either_content_shape() {
        let request = json::parse(
            br#"{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},
                {"role":"user","content":[{"type":"text","text":"a "},{"type":"image_url"},{"type":"text","text":"b"}]}]}"#,
        )
        .unwrap();
        assert_eq!(last_user_text(&request).as_deref(), Some("a b"));
    }

    #[test]
    fn answers_are_valid_json_with_escaped_text() {
        let answer = Answer { id: "chatcmpl-\"x\"", created_unix_s: 7, model: "m" };
        for text in [
            answer.completion("say \"hi\"\n", 2, 3),
            answer.chunk(Delta::Role),
            answer.chunk(Delta::Content("a\\b")),
            answer.chunk(Delta::Stop),
        ] {
            assert!(json::parse(text.as_bytes()).is_ok(), "{}", text);
        }
        assert_eq!(pieces("one two  three").collect::<String>(), "one two  three");
    }
}
