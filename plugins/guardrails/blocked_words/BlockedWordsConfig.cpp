#include "BlockedWordsConfig.h"

#include "BlockedTermMatcher.h"

#include <simdjson.h>

namespace portico::guardrails::blocked_words {
namespace {

constexpr std::string_view kWordsShape = "blocked_words: config.words must be a non-empty array of non-blank strings";

}  // namespace

std::optional<BlockedWordsConfig> BlockedWordsConfig::parse(std::string_view config_json, std::string& error) {
    const simdjson::padded_string padded(config_json.empty() ? std::string_view("{}") : config_json);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
        error = "blocked_words: config is not valid JSON";
        return std::nullopt;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        error = "blocked_words: config must be an object";
        return std::nullopt;
    }

    BlockedWordsConfig config;
    bool has_words = false;
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.key == "words") {
            simdjson::dom::array words;
            if (field.value.get_array().get(words) != simdjson::SUCCESS) {
                error = kWordsShape;
                return std::nullopt;
            }
            for (const simdjson::dom::element word : words) {
                std::string_view text;
                // Only whether a word is blank matters here; case is applied by the matcher.
                if (word.get_string().get(text) != simdjson::SUCCESS ||
                    BlockedTermMatcher::normalize(text, true).empty()) {
                    error = kWordsShape;
                    return std::nullopt;
                }
                config.words.emplace_back(text);
            }
            has_words = true;
        } else if (field.key == "case_sensitive") {
            if (field.value.get_bool().get(config.case_sensitive) != simdjson::SUCCESS) {
                error = "blocked_words: config.case_sensitive must be a boolean";
                return std::nullopt;
            }
        } else {
            error = "blocked_words: unknown config key '" + std::string(field.key) + "'";
            return std::nullopt;
        }
    }
    if (!has_words) {
        error = "blocked_words: config.words is required";
        return std::nullopt;
    }
    if (config.words.empty()) {
        error = kWordsShape;
        return std::nullopt;
    }
    return config;
}

}  // namespace portico::guardrails::blocked_words
