#include "MockSettings.h"

#include <charconv>
#include <cmath>
#include <simdjson.h>

#include "common/PluginError.h"

namespace portico::mock {
namespace {

using plugin_common::PluginError;

/// Upper bounds that catch typos (a latency in seconds written as ns) before they hang a worker.
constexpr uint64_t kMaxDelayMs = 10 * 60 * 1000;
constexpr uint64_t kMaxStreamChunks = 65536;

[[noreturn]] void refuse(std::string_view key, std::string_view problem) {
    throw PluginError(PORTICO_ERR_INVALID, 0, "mock: " + std::string(key) + " " + std::string(problem));
}

uint64_t readCount(simdjson::ondemand::value value, std::string_view key, uint64_t max) {
    uint64_t result = 0;
    switch (value.type()) {
        case simdjson::ondemand::json_type::number: {
            const double number = value.get_double();
            if (!std::isfinite(number) || number < 0 || number != std::floor(number)) refuse(key, "must be a non-negative integer");
            if (number > static_cast<double>(max)) refuse(key, "must be at most " + std::to_string(max));
            return static_cast<uint64_t>(number);
        }
        case simdjson::ondemand::json_type::string: {
            const std::string_view text = value.get_string();
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
            if (ec != std::errc() || end != text.data() + text.size() || text.empty())
                refuse(key, "must be a non-negative integer");
            break;
        }
        default:
            refuse(key, "must be a non-negative integer");
    }
    if (result > max) refuse(key, "must be at most " + std::to_string(max));
    return result;
}

}  // namespace

MockSettings MockSettings::fromConfig(std::string_view config_json) {
    MockSettings settings;
    if (config_json.empty()) return settings;
    try {
        simdjson::ondemand::parser parser;
        const simdjson::padded_string padded(config_json);
        simdjson::ondemand::document doc = parser.iterate(padded);
        simdjson::ondemand::object object = doc.get_object();
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            simdjson::ondemand::value value = field.value();
            if (key == "mock_response") {
                if (value.type() != simdjson::ondemand::json_type::string) refuse(key, "must be a string");
                settings.reply = std::string(std::string_view(value.get_string()));
            } else if (key == "mock_latency_ms") {
                settings.latency_ms = static_cast<uint32_t>(readCount(value, key, kMaxDelayMs));
            } else if (key == "mock_stream_chunks") {
                const uint64_t chunks = readCount(value, key, kMaxStreamChunks);
                settings.stream_chunks = chunks < 1 ? 1 : static_cast<uint32_t>(chunks);
            } else if (key == "mock_chunk_delay_ms") {
                settings.chunk_delay_ms = static_cast<uint32_t>(readCount(value, key, kMaxDelayMs));
            }
        }
    } catch (const simdjson::simdjson_error& e) {
        throw PluginError(PORTICO_ERR_INVALID, 0, std::string("mock: config is not a JSON object: ") + e.what());
    }
    return settings;
}

}  // namespace portico::mock
