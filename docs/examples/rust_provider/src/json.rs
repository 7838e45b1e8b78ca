//! A small JSON reader and string escaper: just enough to find the last user message in the
//! canonical request and to write answers. Hand-written because the example takes no crates.
//! The request comes from a client, so nesting is bounded (no stack overflow on `[[[[...`).

const MAX_DEPTH: usize = 64;

pub enum Value {
    /// null, true, false and numbers are checked, not kept: this provider never needs them.
    Null,
    Bool,
    Number,
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one, as most parsers keep duplicates).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

pub fn parse(text: &[u8]) -> Result<Value, String> {
    let mut parser = Parser { bytes: text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at != text.len() {
        return Err(parser.fail("trailing characters"));
    }
    Ok(value)
}

/// Appends `text` as the inside of a JSON string (no quotes).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn fail(&self, what: &str) -> String {
        format!("{} at byte {}", what, self.at)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.peek() != Some(byte) {
            return Err(self.fail(&format!("expected '{}'", byte as char)));
        }
        self.at += 1;
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nesting too deep"));
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') => self.literal("true", Value::Bool),
            Some(b'f') => self.literal("false", Value::Bool),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.fail("expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if !self.bytes[self.at..].starts_with(word.as_bytes()) {
            return Err(self.fail("invalid literal"));
        }
        self.at += word.len();
        Ok(value)
    }

    fn number(&mut self) -> Result<Value, String> {
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(Value::Number)
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.sequence(b'{', b'}', |parser| {
            parser.skip_whitespace();
            let name = parser.string()?;
            parser.skip_whitespace();
            parser.expect(b':')?;
            Ok((name, parser.value(depth + 1)?))
        })
        .map(Value::Object)
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.sequence(b'[', b']', |parser| parser.value(depth + 1)).map(Value::Array)
    }

    /// `open`, then `item`s separated by commas, then `close`: an object's members or an array's
    /// items.
    fn sequence<T>(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        self.expect(open)?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(byte) if byte == close => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return Err(self.fail(&format!("expected ',' or '{}'", close as char))),
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.fail("unterminated escape"))?;
                    self.at += 1;
                    match escaped {
                        b'"' | b'\\' | b'/' => out.push(escaped),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let mut utf8 = [0u8; 4];
                            out.extend_from_slice(self.unicode_escape()?.encode_utf8(&mut utf8).as_bytes());
                        }
                        _ => return Err(self.fail("invalid escape")),
                    }
                }
                Some(byte) if byte < 0x20 => return Err(self.fail("control character in string")),
                Some(byte) => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| self.fail("string is not UTF-8"))
    }

    /// The code point after `\u`, joining a UTF-16 surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.at..self.at + 2) != Some(&b"\\u"[..]) {
                return Err(self.fail("unpaired surrogate"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.fail("unpaired surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.fail("invalid code point"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.fail("short \\u escape"))?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(self.fail("invalid \\u escape"));
        }
        let text = std::str::from_utf8(digits).map_err(|_| self.fail("invalid \\u escape"))?;
        let value = u32::from_str_radix(text, 16).map_err(|_| self.fail("invalid \\u escape"))?;
        self.at += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_and_decodes_escapes() {
        let value = parse(br#"{"a":[1,-2.5e3,true,null],"b":"x\"\u00e9\ud83d\ude00\n"}"#).unwrap();
        assert_eq!(value.get("b").and_then(Value::as_str), Some("x\"\u{e9}\u{1f600}\n"));
        assert_eq!(value.get("a").and_then(Value::as_array).map(|items| items.len()), Some(4));
        let empty = parse(b" { \"o\" : { } , \"l\" : [ ] } ").unwrap();
        assert_eq!(empty.get("l").and_then(Value::as_array).map(|items| items.len()), Some(0));
        assert!(matches!(empty.get("o"), Some(Value::Object(members)) if members.is_empty()));
    }

    #[test]
    fn refuses_broken_and_hostile_input() {
        assert!(parse(b"{\"a\":}").is_err());
        assert!(parse(b"\"\\ud800\"").is_err());
        assert!(parse(b"[1] x").is_err());
        assert!(parse(b"[1,]").is_err());
        assert!(parse(b"{\"a\" 1}").is_err());
        assert!(parse("[".repeat(10_000).as_bytes()).is_err());
    }

    #[test]
    fn escapes_what_json_requires() {
        let mut out = String::new();
        escape_into(&mut out, "a\"b\\c\n\u{1}");
        assert_eq!(out, "a\\\"b\\\\c\\n\\u0001");
    }
}
