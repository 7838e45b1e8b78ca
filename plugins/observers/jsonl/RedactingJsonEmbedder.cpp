#include "RedactingJsonEmbedder.h"

#include <portico/secrets.hpp>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace portico::observers::jsonl {
namespace {

using rapidjson::SizeType;

/// A SAX filter between the parser and the scratch writer. After a secret key it writes the
/// placeholder once and swallows the whole value, however deeply nested.
class RedactingHandler {
public:
    explicit RedactingHandler(JsonLineWriter& out) : out_(out) {}

    /// Type of the top-level value, which RawValue() wants when splicing the result in.
    rapidjson::Type rootType() const { return root_type_; }

    bool Null() { return scalar(rapidjson::kNullType) ? out_.Null() : true; }
    bool Bool(bool value) {
        return scalar(value ? rapidjson::kTrueType : rapidjson::kFalseType) ? out_.Bool(value) : true;
    }
    // kParseNumbersAsStringsFlag routes every number through RawNumber; these never run.
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(int64_t) { return false; }
    bool Uint64(uint64_t) { return false; }
    bool Double(double) { return false; }
    bool RawNumber(const char* text, SizeType length, bool) {
        // Writer::RawNumber in rapidjson 1.1 quotes its argument; RawValue copies it verbatim.
        return scalar(rapidjson::kNumberType) ? out_.RawValue(text, length, rapidjson::kNumberType) : true;
    }
    bool String(const char* text, SizeType length, bool) {
        if (!scalar(rapidjson::kStringType)) return true;
        // The parser decodes \u escapes without rejecting lone surrogates; refusing them here
        // makes the whole body fall back to a (repaired) string instead of invalid UTF-8.
        return isValidUtf8({text, length}) && out_.String(text, length);
    }
    bool StartObject() { return open(rapidjson::kObjectType) ? out_.StartObject() : true; }
    bool Key(const char* text, SizeType length, bool) {
        if (skip_depth_ > 0) return true;
        redact_next_ = sdk::isSecretJsonKey({text, length});
        return isValidUtf8({text, length}) && out_.Key(text, length);
    }
    bool EndObject(SizeType members) { return close() ? out_.EndObject(members) : true; }
    bool StartArray() { return open(rapidjson::kArrayType) ? out_.StartArray() : true; }
    bool EndArray(SizeType elements) { return close() ? out_.EndArray(elements) : true; }

private:
    /// Handles a scalar's bookkeeping. @return true if the scalar itself should be written.
    bool scalar(rapidjson::Type type) {
        noteRoot(type);
        if (skip_depth_ > 0) return false;
        if (redact_next_) {
            redact_next_ = false;
            writeRedacted();
            return false;
        }
        return true;
    }

    /// Handles an object/array start. @return true if the start itself should be written.
    bool open(rapidjson::Type type) {
        noteRoot(type);
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return false;
        }
        if (redact_next_) {
            redact_next_ = false;
            writeRedacted();
            skip_depth_ = 1;
            return false;
        }
        return true;
    }

    /// Handles an object/array end. @return true if the end itself should be written.
    bool close() {
        if (skip_depth_ == 0) return true;
        --skip_depth_;
        return false;
    }

    void writeRedacted() {
        out_.String(sdk::kRedacted.data(), static_cast<SizeType>(sdk::kRedacted.size()));
    }

    void noteRoot(rapidjson::Type type) {
        if (!seen_root_) {
            seen_root_ = true;
            root_type_ = type;
        }
    }

    JsonLineWriter& out_;
    bool redact_next_ = false;
    size_t skip_depth_ = 0;
    bool seen_root_ = false;
    rapidjson::Type root_type_ = rapidjson::kNullType;
};

// Iterative parsing: a client can send "[[[[..." a megabyte deep, and the observer thread's
// stack must not be what bounds that.
constexpr unsigned kParseFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;

}  // namespace

void RedactingJsonEmbedder::embed(JsonLineWriter& out, std::string_view text) {
    scratch_.Clear();
    scratch_writer_.Reset(scratch_);
    RedactingHandler handler(scratch_writer_);
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    // MemoryStream reports NUL at the end, so a NUL inside the text ends parsing early; the
    // position check turns that into a fallback instead of silently dropping the rest.
    const bool parsed = !reader.Parse<kParseFlags>(stream, handler).IsError() && stream.Tell() == text.size() &&
                        scratch_writer_.IsComplete();
    if (parsed) {
        out.RawValue(scratch_.GetString(), scratch_.GetSize(), handler.rootType());
    } else {
        writeText(out, text);
    }
}

}  // namespace portico::observers::jsonl
