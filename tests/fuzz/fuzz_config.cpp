// libFuzzer target: config::parseConfig on arbitrary YAML text. ConfigError is the expected way to
// refuse a config; any other exception escaping, or a crash, is a bug. An accepted config must
// hold what the rest of the gateway assumes of it: deployment ids "<model_name>#<index>", and the
// JSON handed to plugins (litellm_params, model_info, observer and guardrail configs) being
// JSON objects (RFC 8259, UTF-8).
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "config/Config.h"

using portico::config::Config;
using portico::config::ConfigError;
using portico::config::parseConfig;

namespace {

constexpr const char* kSource = "fuzz.yaml";

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_config: %s: %s\n", what, detail.c_str());
    std::abort();
}

/// RFC 8259 grammar, strictly: simdjson refuses integers past 64 bits, which are valid JSON (YAML
/// integers of any length pass through as written), so the check is this small reader instead,
/// with simdjson only for UTF-8.
class JsonGrammar {
public:
    explicit JsonGrammar(std::string_view text) : text_(text) {}

    bool isObject() {
        space();
        if (peek() != '{' || !value()) return false;
        space();
        return pos_ == text_.size() && simdjson::validate_utf8(text_.data(), text_.size());
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    void space() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++pos_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    bool digits() {
        const std::size_t start = pos_;
        while (peek() >= '0' && peek() <= '9') ++pos_;
        return pos_ > start;
    }
    bool number() {
        eat('-');
        if (!eat('0') && !digits()) return false;
        if (eat('.') && !digits()) return false;
        if (eat('e') || eat('E')) {
            if (!eat('+')) eat('-');
            if (!digits()) return false;
        }
        return true;
    }
    bool string() {
        if (!eat('"')) return false;
        while (pos_ < text_.size()) {
            const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
            if (c == '"') return true;
            if (c < 0x20) return false;
            if (c != '\\') continue;
            const char escape = peek();
            ++pos_;
            if (escape == 'u') {
                for (int i = 0; i < 4; ++i, ++pos_)
                    if (!std::isxdigit(static_cast<unsigned char>(peek()))) return false;
            } else if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos || escape == '\0') {
                return false;
            }
        }
        return false;
    }
    bool value() {
        space();
        switch (peek()) {
            case '{': {
                ++pos_;
                space();
                if (eat('}')) return true;
                do {
                    space();
                    if (!string()) return false;
                    space();
                    if (!eat(':') || !value()) return false;
                    space();
                } while (eat(','));
                return eat('}');
            }
            case '[': {
                ++pos_;
                space();
                if (eat(']')) return true;
                do {
                    if (!value()) return false;
                    space();
                } while (eat(','));
                return eat(']');
            }
            case '"': return string();
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

void expectJsonObject(const char* what, const std::string& json) {
    if (!JsonGrammar(json).isObject()) fail(what, json);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // The seeds and the dictionary reference these, so os.environ/ resolution succeeds as well.
    ::setenv("PORTICO_FUZZ_KEY", "sk-fuzz-\"quoted\"\\secret", 1);
    ::setenv("PORTICO_FUZZ_BASE", "http://127.0.0.1:9/v1", 1);
    ::unsetenv("PORTICO_FUZZ_UNSET");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view yaml(reinterpret_cast<const char*>(data), size);
    Config config;
    try {
        config = parseConfig(yaml, kSource);
    } catch (const ConfigError& e) {
        if (!std::string_view(e.what()).starts_with(kSource)) fail("a ConfigError not naming the file", e.what());
        return 0;
    } catch (const std::exception& e) {
        fail("an exception other than ConfigError escaped", e.what());
    }
    for (std::size_t i = 0; i < config.model_list.size(); ++i) {
        const auto& deployment = config.model_list[i];
        // Entries skipped for an unset variable keep their index, so it is at least i.
        const std::string prefix = deployment.model_name + "#";
        const std::string index = deployment.id.substr(std::min(prefix.size(), deployment.id.size()));
        if (!deployment.id.starts_with(prefix) || index.empty() ||
            index.find_first_not_of("0123456789") != std::string::npos || std::stoull(index) < i)
            fail("a deployment id not of the form <model_name>#<index>", deployment.id);
        expectJsonObject("litellm_params is not a JSON object", deployment.params_json);
        expectJsonObject("model_info is not a JSON object", deployment.model_info_json);
    }
    for (const auto* list : {&config.plugins.observers, &config.plugins.guardrails})
        for (const auto& instance : *list) expectJsonObject("a plugin config is not a JSON object", instance.config_json);
    return 0;
}
