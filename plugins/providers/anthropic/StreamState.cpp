#include "StreamState.h"

#include <string>

#include "AnthropicError.h"

namespace portico::anthropic {

using plugin_common::PluginError;

portico_status checkedSink(portico_status status) {
    if (status != PORTICO_OK && status != PORTICO_ERR_CLOSED)
        throw PluginError(status, 0, "anthropic: the host refused a stream event (status " + std::to_string(status) + ")");
    return status;
}

std::string_view trimmedData(std::string_view data) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = data.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return data.substr(first, data.find_last_not_of(kSpace) - first + 1);
}

void StreamState::observe(const AnthropicEvent& event, portico_chunk_sink& sink) {
    if (event.usage) usage_.merge(*event.usage);
    if (event.type == "error") {
        const std::string message =
            event.error_message.empty() ? "anthropic: the upstream stream failed" : std::string(event.error_message);
        fail(sink, streamError(event.error_type, message));
    }
    if (event.type == "message_stop") done_ = true;
}

portico_status StreamState::reportUsage(portico_chunk_sink& sink) {
    if (usage_reported_ || !usage_.reported) return PORTICO_OK;
    usage_reported_ = true;
    if (!PORTICO_HAS(portico_chunk_sink, &sink, usage) || !sink.usage) return PORTICO_OK;
    const portico_usage usage = usage_.toPortico();
    return checkedSink(sink.usage(sink.ctx, &usage));
}

void StreamState::fail(portico_chunk_sink& sink, const PluginError& error) {
    (void)reportUsage(sink);  // the client may be gone already; the failure is what matters now
    throw error;
}

void StreamState::end(portico_chunk_sink& sink) {
    if (done_) return;
    fail(sink, brokenStream("anthropic: the upstream stream ended before message_stop: the answer is incomplete"));
}

}  // namespace portico::anthropic
